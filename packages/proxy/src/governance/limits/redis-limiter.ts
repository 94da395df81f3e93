import type { Redis } from 'ioredis';
import type {
  LimitedEntity,
  Limiter,
  LimitKind,
  Reservation,
  ReserveRequest,
  ReserveResult,
} from '../limiter.js';
import {
  budgetPeriod,
  defaultLeaseMs,
  type EntityUsage,
  limitDenial,
  limitedEntities,
  minuteMs,
  minuteOf,
  rateLimitSnapshot,
  settledUsage,
  spendCounterExpiry,
  tracksInFlight,
} from './limit-rules.js';
import { type EntityKeys, entityKeys } from './limiter-keys.js';
import { createMemoryLimiter } from './memory-limiter.js';
import { createRedisLimiterGuard, type LimiterLogger } from './redis-limiter-guard.js';
import { defineLimiterScripts } from './redis-limiter-scripts.js';

export interface RedisLimiterOptions {
  /**
   * The ioredis client; the limiter does not close it. Recommended settings for a dependency on
   * the request path: `enableOfflineQueue: false` and `maxRetriesPerRequest: 0`, so commands fail
   * at once while Redis is down instead of queueing (every call is bounded by `commandTimeoutMs`
   * anyway), and a `retryStrategy` that keeps reconnecting in the background.
   */
  redis: Redis;
  /** Every key starts with `{prefix}:`; replicas that share limits use the same prefix. */
  prefix: string;
  /**
   * How long an in-flight reservation counts (parallel slot, estimated tokens and cost) when
   * `end()` never reaches Redis (a crashed replica), in ms. Default 10 minutes.
   */
  leaseMs?: number;
  /** Told once when Redis becomes unavailable and once when it answers again. */
  logger?: LimiterLogger;
  /**
   * The limiter answering while Redis is unavailable or slow (default: a new
   * `createMemoryLimiter`): limits then hold per process. `close()` closes it too.
   */
  fallback?: Limiter;
  /** Longest wait for one Redis call before answering from `fallback`, in ms. Default 100. */
  commandTimeoutMs?: number;
  /** Consecutive failed calls that open the circuit. Default 3. */
  failureThreshold?: number;
  /** How long Redis is left alone after the circuit opened, in ms, before one probe. Default 5 s. */
  retryAfterMs?: number;
  /** Clock for `settle` (the minute its tokens count in) and the circuit breaker. Default `Date.now`. */
  now?: () => number;
}

// A minute window's counter lives through its minute and one more, so replicas whose clocks
// differ by less than a minute still find it; after that it expires on its own.
const windowTtlMs = 2 * minuteMs;
// The in-flight set and its estimates outlive the newest lease in them by this much.
const inFlightSlackMs = minuteMs;
// Releases that could not reach Redis, retried when it answers again (bounded; each one is
// dropped once its lease has ended, as Redis no longer counts it then).
const maxPendingReleases = 10_000;
const releaseBatch = 100;

interface PendingRelease {
  keys: string[];
  expiresAt: number;
}

const kinds: ReadonlySet<string> = new Set<LimitKind>(['rpm', 'tpm', 'parallel', 'budget']);

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

function limitArgument(limit: number | null): string {
  return limit === null ? '' : String(limit);
}

/** The in-flight set and estimates hash of every entity that holds the request's entry. */
function inFlightKeys(entities: ReadonlyArray<LimitedEntity>, keys: ReadonlyArray<EntityKeys>): string[] {
  return entities.flatMap((entity, index) =>
    tracksInFlight(entity) ? [keys[index]!.inFlight, keys[index]!.estimates] : [],
  );
}

function usagesOf(reply: ReadonlyArray<string | number>, count: number): EntityUsage[] {
  const value = (position: number) => {
    const parsed = Number(reply[position]);
    return Number.isFinite(parsed) ? parsed : 0;
  };
  return Array.from({ length: count }, (_, index) => {
    const at = 3 + index * 6;
    return {
      requests: value(at),
      tokens: value(at + 1),
      inFlight: value(at + 2),
      inFlightTokens: value(at + 3),
      inFlightCost: value(at + 4),
      spend: value(at + 5),
    };
  });
}

/**
 * Rate limits and budgets shared by every replica through Redis. One Lua script checks every
 * entity of a request and, only when all pass, counts it against all of them:
 * - rpm: a counter per minute window (`{prefix}:rpm:{scope}:{id}:{minute}`), expiring after two;
 * - tpm: settled tokens per minute window (`…:tpm:…`) plus the estimates of the requests in flight;
 * - parallel: a sorted set of in-flight request ids scored by lease expiry (`…:inflight:…`), with
 *   their estimated tokens and cost in a hash beside it (`…:estimates:…`); expired entries are
 *   dropped before counting, so a crashed replica's reservations end with their lease;
 * - budget: a live spend counter per budget period (`…:spend:{scope}:{id}:{period}`), seeded from
 *   the store's spend and never below it, raised by `settle`, kept a day past its period.
 * `settle` and `end` are one script call each.
 *
 * Redis trouble never fails or stalls a request: each call is bounded by `commandTimeoutMs`, and
 * after `failureThreshold` failures a circuit breaker sends every call to `fallback` (limits then
 * hold per process) until a probe succeeds; one warning is logged each way. Settles lost meanwhile
 * are healed by the store: a live counter never stays below the spend the store reports. Releases
 * that failed are retried when Redis answers again (their entries expire with the lease anyway).
 */
export function createRedisLimiter(options: RedisLimiterOptions): Limiter {
  if (options.prefix.length === 0) throw new TypeError('prefix must not be empty');
  const now = options.now ?? Date.now;
  const leaseMs = Math.ceil(positive(options.leaseMs, defaultLeaseMs, 'leaseMs'));
  const timeoutMs = positive(options.commandTimeoutMs, 100, 'commandTimeoutMs');
  const fallback = options.fallback ?? createMemoryLimiter({ now, leaseMs });
  const redis = defineLimiterScripts(options.redis);
  const pending = new Map<string, PendingRelease>();
  let flushing = false;
  let closed = false;

  // A client without offline queue fails every command until its first connection is ready: skip
  // Redis until then without counting failures. (With the queue, commands wait, bounded as usual.)
  let everReady = options.redis.status === 'ready' || options.redis.options.enableOfflineQueue !== false;
  if (!everReady) options.redis.once('ready', () => (everReady = true));
  const guard = createRedisLimiterGuard({
    timeoutMs,
    failureThreshold: Math.max(1, Math.floor(options.failureThreshold ?? 3)),
    resetAfterMs: positive(options.retryAfterMs, 5_000, 'retryAfterMs'),
    logger: options.logger,
    secrets: [options.redis.options.password],
    connecting: () =>
      !everReady && (options.redis.status === 'connecting' || options.redis.status === 'connect'),
    onRecovered: () => void flushReleases(),
    now,
  });

  function remember(requestId: string, keys: string[]): void {
    if (keys.length === 0) return;
    if (pending.size >= maxPendingReleases) {
      const oldest = pending.keys().next();
      if (!oldest.done) pending.delete(oldest.value);
    }
    pending.set(requestId, { keys, expiresAt: now() + leaseMs });
  }

  async function release(requestId: string, keys: string[]): Promise<boolean> {
    if (keys.length === 0) return true;
    const result = await guard.run(() => redis.switchyardLimiterEnd(keys.length, ...keys, requestId));
    if (!result.ok) remember(requestId, keys);
    return result.ok;
  }

  async function flushReleases(): Promise<void> {
    if (flushing || closed) return;
    flushing = true;
    try {
      while (pending.size > 0 && !closed) {
        const batch = [...pending].slice(0, releaseBatch);
        for (const [requestId] of batch) pending.delete(requestId);
        const at = now();
        const live = batch.filter(([, entry]) => entry.expiresAt > at);
        const released = await Promise.all(live.map(([requestId, entry]) => release(requestId, entry.keys)));
        if (released.includes(false)) return;
      }
    } finally {
      flushing = false;
    }
  }

  function redisReservation(
    requestId: string,
    limited: LimitedEntity[],
    keys: EntityKeys[],
    heldKeys: string[],
  ): Reservation {
    let ended = false;
    return {
      async settle(usage) {
        const { tokens, cost } = settledUsage(usage);
        if (closed || !limited.some((entity) => entity.tpmLimit !== null || entity.maxBudget !== null))
          return;
        const at = now();
        const minute = minuteOf(at);
        const scriptKeys = limited.flatMap((entity, index) => [
          keys[index]!.tokens(minute),
          keys[index]!.spend(budgetPeriod(entity)),
        ]);
        const args = limited.flatMap((entity) => [
          entity.tpmLimit !== null ? '1' : '0',
          entity.maxBudget !== null ? '1' : '0',
          String(entity.spend),
          Math.ceil(spendCounterExpiry(entity, at)),
        ]);
        // A settle that cannot reach Redis is dropped here: the spend log still records it, and
        // the live counter rises to the store's spend once the store has it.
        await guard.run(() =>
          redis.switchyardLimiterSettle(
            scriptKeys.length,
            ...scriptKeys,
            tokens,
            String(cost),
            windowTtlMs,
            ...args,
          ),
        );
      },
      async end() {
        if (ended) return;
        ended = true;
        if (!closed) await release(requestId, heldKeys);
      },
    };
  }

  return {
    async reserve(request: ReserveRequest): Promise<ReserveResult> {
      const limited = limitedEntities(request);
      if (closed) throw new Error('The limiter is closed');
      const at = request.now;
      if (limited.length === 0) {
        return {
          ok: true,
          reservation: redisReservation(request.requestId, [], [], []),
          snapshot: rateLimitSnapshot([], [], at),
        };
      }
      const minute = minuteOf(at);
      const keys = limited.map((entity) => entityKeys(options.prefix, entity.scope, entity.id));
      const scriptKeys = limited.flatMap((entity, index) => {
        const entityKey = keys[index]!;
        return [
          entityKey.requests(minute),
          entityKey.tokens(minute),
          entityKey.inFlight,
          entityKey.estimates,
          entityKey.spend(budgetPeriod(entity)),
        ];
      });
      const requestArgs = [
        Math.floor(at),
        Math.ceil(at + leaseMs),
        request.requestId,
        `${request.estimatedTokens}:${request.estimatedCost}`,
        String(request.estimatedCost),
        windowTtlMs,
        leaseMs + inFlightSlackMs,
      ];
      const entityArgs = limited.flatMap((entity) => [
        limitArgument(entity.rpmLimit),
        limitArgument(entity.tpmLimit),
        limitArgument(entity.maxParallelRequests),
        limitArgument(entity.maxBudget),
        String(entity.spend),
        Math.ceil(spendCounterExpiry(entity, at)),
      ]);
      const heldKeys = inFlightKeys(limited, keys);
      const result = await guard.run(() =>
        redis.switchyardLimiterReserve(scriptKeys.length, ...scriptKeys, ...requestArgs, ...entityArgs),
      );
      if (!result.ok) {
        // A call that timed out may still run on the server later: release it there once Redis
        // answers again (the release follows it on the same connection).
        if (result.attempted) remember(request.requestId, heldKeys);
        return fallback.reserve(request);
      }
      if (pending.size > 0) void flushReleases();
      const reply = result.value;
      const usages = usagesOf(reply, limited.length);
      if (Number(reply[0]) === 1) {
        return {
          ok: true,
          reservation: redisReservation(request.requestId, limited, keys, heldKeys),
          snapshot: rateLimitSnapshot(limited, usages, at, request.estimatedTokens),
        };
      }
      const kind = String(reply[1]);
      const index = Number(reply[2]) - 1;
      const entity = limited[index];
      // A reply of another shape (another script under this name?) answers locally instead.
      if (!kinds.has(kind) || !entity) return fallback.reserve(request);
      return {
        ok: false,
        denial: limitDenial(kind as LimitKind, entity, usages[index]!, at),
        snapshot: rateLimitSnapshot(limited, usages, at),
      };
    },

    async liveSpend(entity, at) {
      if (closed) return fallback.liveSpend(entity, at);
      const key = entityKeys(options.prefix, entity.scope, entity.id).spend(budgetPeriod(entity));
      const result = await guard.run(() => redis.get(key));
      if (!result.ok) return fallback.liveSpend(entity, at);
      const live = result.value === null ? Number.NaN : Number(result.value);
      return Number.isFinite(live) ? Math.max(live, entity.spend) : entity.spend;
    },

    async close() {
      if (closed) return;
      // Free what this process still holds (best effort, bounded like every call).
      await flushReleases();
      closed = true;
      pending.clear();
      await fallback.close();
    },
  };
}
