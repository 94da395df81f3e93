import type {
  LimitDenial,
  LimitedEntity,
  LimitKind,
  LimitScope,
  RateLimitSnapshot,
  ReserveRequest,
} from '../limiter.js';

// The rules both limiters apply, as plain functions: the in-process limiter runs them directly,
// the Redis limiter's reserve script mirrors `findDenial` in Lua (keep the two in step; the shared
// behaviour suite runs against both).

export const minuteMs = 60_000;
const dayMs = 86_400_000;
/** A budget counter outlives its period by a day: settles of the period's last requests still land in it. */
export const periodGraceMs = dayMs;
/** A counter of a budget that never resets is kept this long after its last use, then seeded again. */
export const idleSpendTtlMs = 7 * dayMs;
/** How long an in-flight reservation counts when `end()` is never called. */
export const defaultLeaseMs = 10 * 60_000;

/** What an entity has used, as seen just before the request is counted. */
export interface EntityUsage {
  /** Requests admitted in the current minute. */
  requests: number;
  /** Tokens settled in the current minute. */
  tokens: number;
  /** Live in-flight reservations (lease not expired). */
  inFlight: number;
  /** Estimated tokens of the live in-flight reservations. */
  inFlightTokens: number;
  /** Estimated cost (USD) of the live in-flight reservations. */
  inFlightCost: number;
  /** Live spend (USD) of the current budget period, settled only. */
  spend: number;
}

export const noUsage: EntityUsage = {
  requests: 0,
  tokens: 0,
  inFlight: 0,
  inFlightTokens: 0,
  inFlightCost: 0,
  spend: 0,
};

export function minuteOf(now: number): number {
  return Math.floor(now / minuteMs);
}

/** Whole seconds until the minute window of `now` ends (1 to 60). */
export function secondsLeftInMinute(now: number): number {
  return Math.max(1, Math.ceil(((minuteOf(now) + 1) * minuteMs - now) / 1000));
}

/** Whether any limit applies to the entity (entities without one are skipped entirely). */
export function isLimited(entity: LimitedEntity): boolean {
  return (
    entity.rpmLimit !== null ||
    entity.tpmLimit !== null ||
    entity.maxParallelRequests !== null ||
    entity.maxBudget !== null
  );
}

/** Whether the entity needs the request's in-flight entry (tpm and budgets count the estimates). */
export function tracksInFlight(entity: LimitedEntity): boolean {
  return entity.tpmLimit !== null || entity.maxParallelRequests !== null || entity.maxBudget !== null;
}

/** Names the entity's budget period: its end (ms), or `all` when the budget never resets. */
export function budgetPeriod(entity: LimitedEntity): string {
  return entity.budgetResetAt === null ? 'all' : String(entity.budgetResetAt);
}

/** When the entity's live spend counter may be forgotten (ms since epoch). */
export function spendCounterExpiry(entity: LimitedEntity, now: number): number {
  return entity.budgetResetAt === null
    ? now + idleSpendTtlMs
    : Math.max(entity.budgetResetAt, now) + periodGraceMs;
}

/**
 * Slack when comparing sums of USD amounts with a budget: a budget of k × c admits k requests
 * estimated at c although the floating-point sum of k c's may exceed k × c by a rounding error.
 */
export function budgetTolerance(maxBudget: number): number {
  return Math.max(1e-9, Math.abs(maxBudget) * 1e-12);
}

/**
 * The first limit that refuses the request, or undefined when all pass. Budgets are checked first
 * (retrying does not help there), then each entity's rpm, tpm and parallel limits in order:
 * - budget: refused when the live spend + the in-flight requests' estimates reached it (litellm's
 *   "spend < max_budget" made safe under concurrency: concurrent requests never get more through
 *   than the same requests one by one, as long as estimates are not below the real cost);
 * - rpm: refused when the minute's admitted requests reached it;
 * - tpm: refused when the minute's settled tokens + in-flight estimates reached it (this request's
 *   own estimate is not counted against it, as it is only an upper bound);
 * - parallel: refused when the live in-flight reservations reached it.
 */
export function findDenial(
  entities: ReadonlyArray<LimitedEntity>,
  usages: ReadonlyArray<EntityUsage>,
): { kind: LimitKind; index: number } | undefined {
  for (const [index, entity] of entities.entries()) {
    const usage = usages[index] ?? noUsage;
    const budget = entity.maxBudget;
    if (budget === null) continue;
    const tolerance = budgetTolerance(budget);
    if (usage.spend + usage.inFlightCost >= budget - tolerance) return { kind: 'budget', index };
  }
  for (const [index, entity] of entities.entries()) {
    const usage = usages[index] ?? noUsage;
    if (entity.rpmLimit !== null && usage.requests >= entity.rpmLimit) return { kind: 'rpm', index };
    if (entity.tpmLimit !== null && usage.tokens + usage.inFlightTokens >= entity.tpmLimit) {
      return { kind: 'tpm', index };
    }
    if (entity.maxParallelRequests !== null && usage.inFlight >= entity.maxParallelRequests) {
      return { kind: 'parallel', index };
    }
  }
  return undefined;
}

/** Describes a refusal found by {@link findDenial}. */
export function limitDenial(
  kind: LimitKind,
  entity: LimitedEntity,
  usage: EntityUsage,
  now: number,
): LimitDenial {
  switch (kind) {
    case 'budget':
      return { kind, entity, limit: entity.maxBudget ?? 0, spend: usage.spend + usage.inFlightCost };
    case 'rpm':
      return { kind, entity, limit: entity.rpmLimit ?? 0, retryAfterSeconds: secondsLeftInMinute(now) };
    case 'tpm':
      return { kind, entity, limit: entity.tpmLimit ?? 0, retryAfterSeconds: secondsLeftInMinute(now) };
    case 'parallel':
      return { kind, entity, limit: entity.maxParallelRequests ?? 0, retryAfterSeconds: 1 };
  }
}

/**
 * The `x-ratelimit-*` view: the rpm and the tpm window with the least room left among the entities
 * (each chosen separately), after counting this request when it was admitted (`admittedTokens`:
 * its estimate, now in flight).
 */
export function rateLimitSnapshot(
  entities: ReadonlyArray<LimitedEntity>,
  usages: ReadonlyArray<EntityUsage>,
  now: number,
  admittedTokens?: number,
): RateLimitSnapshot {
  const snapshot: RateLimitSnapshot = { resetSeconds: secondsLeftInMinute(now) };
  const admitted = admittedTokens !== undefined;
  for (const [index, entity] of entities.entries()) {
    const usage = usages[index] ?? noUsage;
    if (entity.rpmLimit !== null) {
      const used = usage.requests + (admitted ? 1 : 0);
      const remaining = Math.max(0, entity.rpmLimit - used);
      if (snapshot.remainingRequests === undefined || remaining < snapshot.remainingRequests) {
        snapshot.limitRequests = entity.rpmLimit;
        snapshot.remainingRequests = remaining;
      }
    }
    if (entity.tpmLimit !== null) {
      const used = usage.tokens + usage.inFlightTokens + (admittedTokens ?? 0);
      const remaining = Math.max(0, entity.tpmLimit - used);
      if (snapshot.remainingTokens === undefined || remaining < snapshot.remainingTokens) {
        snapshot.limitTokens = entity.tpmLimit;
        snapshot.remainingTokens = remaining;
      }
    }
  }
  return snapshot;
}

const scopes: ReadonlySet<LimitScope> = new Set<LimitScope>(['key', 'user', 'team']);

function checkAmount(value: unknown, name: string): void {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number >= 0 (got ${String(value)})`);
  }
}

function checkEntity(entity: LimitedEntity, name: string): void {
  if (!scopes.has(entity.scope)) throw new TypeError(`${name}.scope must be key, user or team`);
  if (typeof entity.id !== 'string' || entity.id === '')
    throw new TypeError(`${name}.id must be a non-empty string`);
  for (const field of ['rpmLimit', 'tpmLimit', 'maxParallelRequests', 'maxBudget'] as const) {
    if (entity[field] !== null) checkAmount(entity[field], `${name}.${field}`);
  }
  if (typeof entity.spend !== 'number' || !Number.isFinite(entity.spend)) {
    throw new RangeError(`${name}.spend must be a finite number`);
  }
  if (entity.budgetResetAt !== null && !Number.isFinite(entity.budgetResetAt)) {
    throw new RangeError(`${name}.budgetResetAt must be a finite number or null`);
  }
}

/**
 * Checks a reserve request (a wrong one is a bug in the caller: TypeError / RangeError naming the
 * field) and returns the entities that have a limit, each (scope, id) once.
 */
export function limitedEntities(request: ReserveRequest): LimitedEntity[] {
  if (typeof request.requestId !== 'string' || request.requestId === '') {
    throw new TypeError('requestId must be a non-empty string');
  }
  checkAmount(request.estimatedTokens, 'estimatedTokens');
  checkAmount(request.estimatedCost, 'estimatedCost');
  if (typeof request.now !== 'number' || !Number.isFinite(request.now)) {
    throw new RangeError('now must be a finite number (ms since epoch)');
  }
  const seen = new Set<string>();
  const limited: LimitedEntity[] = [];
  for (const [index, entity] of request.entities.entries()) {
    checkEntity(entity, `entities[${index}]`);
    const identity = `${entity.scope}\u0000${entity.id}`;
    if (seen.has(identity) || !isLimited(entity)) continue;
    seen.add(identity);
    limited.push(entity);
  }
  return limited;
}

/** Checks the usage given to `settle`; tokens are counted whole. */
export function settledUsage(usage: { tokens: number; cost: number }): { tokens: number; cost: number } {
  checkAmount(usage.tokens, 'usage.tokens');
  checkAmount(usage.cost, 'usage.cost');
  return { tokens: Math.round(usage.tokens), cost: usage.cost };
}
