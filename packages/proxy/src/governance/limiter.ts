/**
 * Rate limits and budgets, reserved atomically before a call and settled after it. Two
 * implementations behave alike: in process (one replica) and in Redis (Lua scripts, shared by
 * every replica). See `createMemoryLimiter` and `createRedisLimiter`.
 */

/** Which kind of entity a limit belongs to. */
export type LimitScope = 'key' | 'user' | 'team';

/** One entity a request counts against (its key, the key's user, the key's team). */
export interface LimitedEntity {
  scope: LimitScope;
  /** The key's hash, the user_id or the team_id. */
  id: string;
  rpmLimit: number | null;
  tpmLimit: number | null;
  maxParallelRequests: number | null;
  /** USD; null = no budget. */
  maxBudget: number | null;
  /**
   * USD spent in the current budget period according to the store. Seeds the live counter the
   * first time this period is seen; after that the live counter (which also holds spend not yet
   * written to the store) is authoritative, except that it never stays below this value: spend the
   * limiter did not see (settles lost while Redis was away, another replica's fallback counts)
   * reaches it through the store.
   */
  spend: number;
  /**
   * End of the current budget period (ms since epoch), or null when the budget never resets. It
   * names the period's live counter: a new value starts a new counter, seeded from `spend`.
   */
  budgetResetAt: number | null;
}

export interface ReserveRequest {
  /** Unique per request: names its reservation (in-flight entries, lease). */
  requestId: string;
  entities: ReadonlyArray<LimitedEntity>;
  /**
   * Upper bound of the tokens the request may use (prompt estimate + max output tokens). Held
   * against later requests' tpm while this one is in flight; not against its own admission.
   */
  estimatedTokens: number;
  /** Upper bound of the request's cost in USD (0 when its price is unknown). */
  estimatedCost: number;
  /** Clock (ms since epoch): minute windows and leases are computed from it. */
  now: number;
}

export type LimitKind = 'rpm' | 'tpm' | 'parallel' | 'budget';

/** Why a request was refused; nothing was reserved. */
export interface LimitDenial {
  kind: LimitKind;
  entity: LimitedEntity;
  limit: number;
  /** rpm/tpm: until the current minute ends; parallel: 1. Budget refusals have none. */
  retryAfterSeconds?: number;
  /** Budget: the live spend (settled + reserved) that the request would exceed. */
  spend?: number;
}

/** The most constrained rpm/tpm window, for `x-ratelimit-*` headers. */
export interface RateLimitSnapshot {
  limitRequests?: number;
  remainingRequests?: number;
  limitTokens?: number;
  remainingTokens?: number;
  /** Seconds until the current minute window ends. */
  resetSeconds: number;
}

export type ReserveResult =
  | { ok: true; reservation: Reservation; snapshot: RateLimitSnapshot }
  | { ok: false; denial: LimitDenial; snapshot: RateLimitSnapshot };

export interface Reservation {
  /**
   * Adds real usage to every entity's counters (tokens to the minute's tpm, USD to the budget).
   * May be called several times (a request that made several calls); the estimate stays reserved
   * until `end`.
   */
  settle(usage: { tokens: number; cost: number }): Promise<void>;
  /** Frees the estimate and the parallel slot. Call exactly once, when the request is over. */
  end(): Promise<void>;
}

export interface Limiter {
  /**
   * Checks every entity's rpm, tpm, parallel and budget limits and, only when all pass, counts the
   * request against all of them in one atomic step. Entities without any limit are skipped.
   */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** The live spend of an entity in its current period (settled, not reserved). */
  liveSpend(entity: LimitedEntity, now: number): Promise<number>;
  close(): Promise<void>;
}
