import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { closeRouterRedis } from '../redis/close-router-redis.js';
import { createMemoryRouterState } from './memory-router-state.js';
import { createRedisGuard, type RouterStateLogger } from './redis-guard.js';
import { defineRouterScripts } from './redis-router-scripts.js';
import type { RouterState } from './router-state.js';
import { routerStateKeys } from './router-state-keys.js';

export interface RedisRouterStateOptions {
  /**
   * The ioredis client (see `createRouterRedis` for settings that fail fast while Redis is down:
   * without `enableOfflineQueue: false`, calls wait in ioredis's queue until `commandTimeoutMs`).
   */
  redis: Redis;
  /** Every key starts with `{prefix}:`; replicas that share state use the same prefix. */
  prefix: string;
  /** Told once when Redis becomes unavailable and once when it answers again. */
  logger?: RouterStateLogger;
  /**
   * The per-process state answering while Redis is unavailable (default: a new
   * `createMemoryRouterState`). Every change is written to it as well, so an outage degrades to
   * per-process behaviour with warm statistics. `close()` closes it too.
   */
  local?: RouterState;
  /** Longest wait for one Redis call before answering from `local`, in ms. Default 100. */
  commandTimeoutMs?: number;
  /** Consecutive failed calls that open the circuit. Default 3. */
  failureThreshold?: number;
  /** How long Redis is left alone after the circuit opened, in ms, before one probe. Default 5 s. */
  retryAfterMs?: number;
  /**
   * How long an instance's in-flight counts count without being refreshed, in ms: the counts of a
   * process that died mid-request disappear after this. Refreshed every third of it. Default 15 s.
   */
  inFlightLeaseMs?: number;
  /** Weight of a new latency sample in the moving average, in (0, 1]. Default 0.3 (as in memory). */
  latencyWeight?: number;
  /** Latency averages not updated for this long are forgotten, in ms. Default 1 h. */
  latencyTtlMs?: number;
  /** Identifies this process's in-flight counts. Default: a random UUID. */
  instanceId?: string;
  /** Quit the Redis client on `close()` (when the state owns it). Default false. */
  closeRedis?: boolean;
  /** Clock for the minute windows (rpm/tpm usage, failures), in ms. */
  now?: () => number;
}

const minuteMs = 60_000;
// A minute window's counter lives through its minute and one more, so replicas whose clocks
// differ by less than a minute still find it; after that it expires on its own.
const windowTtlMs = 2 * minuteMs;

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${name} must be a positive number`);
  return value;
}

// Longest cooldown written to Redis (a year): keeps PX a valid integer whatever the caller passes.
const maxCooldownMs = 365 * 24 * 3_600_000;

/** A cooldown length Redis accepts (whole ms, at most a year), or 0 for none. */
function cooldownLength(ms: number): number {
  return ms > 0 ? Math.min(Math.ceil(ms), maxCooldownMs) : 0;
}

/** Allowed failures as a whole count; a non-finite allowance never cools down. */
function failureAllowance(allowedFails: number): number {
  if (Number.isNaN(allowedFails)) return 0;
  return Number.isFinite(allowedFails) ? Math.max(0, Math.floor(allowedFails)) : Number.MAX_SAFE_INTEGER;
}

function numberOf(value: string | null | undefined): number {
  const parsed = value == null ? 0 : Number(value);
  return Number.isFinite(parsed) ? parsed : 0;
}

function sample(value: number | undefined): number | '' {
  return value !== undefined && Number.isFinite(value) && value >= 0 ? value : '';
}

/**
 * Router state shared by every replica through Redis: cooldowns, in-flight counts, per-minute
 * usage and latency averages. Failure counting and cooldown start are one atomic script; each read
 * for a group is one round trip. Every call is bounded by `commandTimeoutMs` behind a circuit
 * breaker and answered from `local` when Redis is slow or down; the state never throws.
 *
 * In-flight counts: each instance owns one field per deployment in `{prefix}:inflight:{id}`,
 * holding its own count (written as an absolute value, so a lost write is repaired by the next)
 * and a lease expiry in Redis time, refreshed every third of `inFlightLeaseMs`. Readers sum the
 * fields whose lease holds and drop the others, so a process that dies mid-request stops counting
 * within one lease instead of leaking its count forever.
 */
export function createRedisRouterState(options: RedisRouterStateOptions): RouterState {
  if (options.prefix.length === 0) throw new TypeError('prefix must not be empty');
  const timeoutMs = positive(options.commandTimeoutMs, 100, 'commandTimeoutMs');
  const leaseMs = Math.ceil(positive(options.inFlightLeaseMs, 15_000, 'inFlightLeaseMs'));
  const latencyWeight = positive(options.latencyWeight, 0.3, 'latencyWeight');
  if (latencyWeight > 1) throw new RangeError('latencyWeight must be at most 1');
  const latencyTtlMs = Math.ceil(positive(options.latencyTtlMs, 3_600_000, 'latencyTtlMs'));
  const now = options.now ?? Date.now;
  const instanceId = options.instanceId ?? randomUUID();
  const local = options.local ?? createMemoryRouterState({ now, latencyWeight });
  const redis = defineRouterScripts(options.redis);
  const keys = routerStateKeys(options.prefix);

  // This instance's own in-flight counts (the truth its Redis fields mirror), and the ids whose
  // last write to Redis failed, rewritten on the next refresh.
  const ownInFlight = new Map<string, number>();
  const unsynced = new Set<string>();
  let closed = false;

  // A client without offline queue fails every command until its first connection is ready: skip
  // Redis until then without counting failures. (With the queue, commands wait, bounded as usual.)
  let everReady = options.redis.status === 'ready' || options.redis.options.enableOfflineQueue !== false;
  if (!everReady) options.redis.once('ready', () => (everReady = true));
  const guard = createRedisGuard({
    timeoutMs,
    failureThreshold: Math.max(1, Math.floor(options.failureThreshold ?? 3)),
    resetAfterMs: positive(options.retryAfterMs, 5_000, 'retryAfterMs'),
    logger: options.logger,
    secrets: [options.redis.options.password],
    connecting: () =>
      !everReady && (options.redis.status === 'connecting' || options.redis.status === 'connect'),
    onRecovered: () => void refreshInFlight(),
    now,
  });

  const minute = () => Math.floor(now() / minuteMs);

  async function writeInFlight(id: string): Promise<void> {
    if (closed) return;
    const result = await guard.run(() =>
      redis.switchyardRouterSetInFlight(keys.inFlight(id), instanceId, ownInFlight.get(id) ?? 0, leaseMs),
    );
    if (result.ok) unsynced.delete(id);
    else unsynced.add(id);
  }

  async function refreshInFlight(): Promise<void> {
    const ids = new Set([...ownInFlight.keys(), ...unsynced]);
    await Promise.all([...ids].map((id) => writeInFlight(id)));
  }

  const heartbeat = setInterval(() => void refreshInFlight(), Math.max(1, Math.floor(leaseMs / 3)));
  heartbeat.unref();

  return {
    async recordFailure(id, allowedFails, cooldownMs) {
      const ms = cooldownLength(cooldownMs);
      const [startedLocally, shared] = await Promise.all([
        local.recordFailure(id, allowedFails, cooldownMs),
        closed
          ? undefined
          : guard.run(() =>
              redis.switchyardRouterRecordFailure(
                keys.failures(id, minute()),
                keys.cooldown(id),
                failureAllowance(allowedFails),
                ms,
                windowTtlMs,
              ),
            ),
      ]);
      return shared?.ok ? shared.value === 1 : startedLocally;
    },

    async coolDown(id, cooldownMs) {
      const ms = cooldownLength(cooldownMs);
      await Promise.all([
        local.coolDown(id, cooldownMs),
        closed || ms === 0
          ? undefined
          : guard.run(() => redis.switchyardRouterCoolDown(keys.cooldown(id), ms)),
      ]);
    },

    async coolingDown(ids) {
      if (ids.length === 0) return new Set<string>();
      const shared = closed
        ? undefined
        : await guard.run(() => redis.mget(ids.map((id) => keys.cooldown(id))));
      if (!shared?.ok) return local.coolingDown(ids);
      const cooling = new Set<string>();
      shared.value.forEach((value, index) => {
        if (value !== null) cooling.add(ids[index]!);
      });
      return cooling;
    },

    async startRequest(id) {
      ownInFlight.set(id, (ownInFlight.get(id) ?? 0) + 1);
      await Promise.all([local.startRequest(id), writeInFlight(id)]);
    },

    async endRequest(id) {
      const remaining = (ownInFlight.get(id) ?? 0) - 1;
      if (remaining > 0) ownInFlight.set(id, remaining);
      else ownInFlight.delete(id);
      await Promise.all([local.endRequest(id), writeInFlight(id)]);
    },

    async inFlight(ids) {
      if (ids.length === 0) return new Map<string, number>();
      const hashKeys = ids.map((id) => keys.inFlight(id));
      const shared = closed
        ? undefined
        : await guard.run(() => redis.switchyardRouterReadInFlight(hashKeys.length, ...hashKeys));
      if (!shared?.ok) return local.inFlight(ids);
      return new Map(ids.map((id, index) => [id, Number(shared.value[index] ?? 0)]));
    },

    async addUsage(id, requests, tokens) {
      const requestCount = Math.max(0, Math.round(requests));
      const tokenCount = Math.max(0, Math.round(tokens));
      const window = minute();
      await Promise.all([
        local.addUsage(id, requests, tokens),
        closed || (requestCount === 0 && tokenCount === 0)
          ? undefined
          : guard.run(() =>
              redis.switchyardRouterAddUsage(
                keys.requests(id, window),
                keys.tokens(id, window),
                requestCount,
                tokenCount,
                windowTtlMs,
              ),
            ),
      ]);
    },

    async usage(ids) {
      if (ids.length === 0) return new Map<string, { requests: number; tokens: number }>();
      const window = minute();
      const counterKeys = ids.flatMap((id) => [keys.requests(id, window), keys.tokens(id, window)]);
      const shared = closed ? undefined : await guard.run(() => redis.mget(counterKeys));
      if (!shared?.ok) return local.usage(ids);
      return new Map(
        ids.map((id, index) => [
          id,
          { requests: numberOf(shared.value[2 * index]), tokens: numberOf(shared.value[2 * index + 1]) },
        ]),
      );
    },

    async recordLatency(id, latency) {
      const latencyMs = sample(latency.latencyMs);
      const ttftMs = sample(latency.ttftMs);
      await Promise.all([
        local.recordLatency(id, latency),
        closed || (latencyMs === '' && ttftMs === '')
          ? undefined
          : guard.run(() =>
              redis.switchyardRouterRecordLatency(
                keys.latency(id),
                keys.ttft(id),
                latencyMs,
                ttftMs,
                latencyWeight,
                latencyTtlMs,
              ),
            ),
      ]);
    },

    async latency(ids) {
      if (ids.length === 0) return new Map<string, { latencyMs?: number; ttftMs?: number }>();
      const averageKeys = ids.flatMap((id) => [keys.latency(id), keys.ttft(id)]);
      const shared = closed ? undefined : await guard.run(() => redis.mget(averageKeys));
      if (!shared?.ok) return local.latency(ids);
      const averages = new Map<string, { latencyMs?: number; ttftMs?: number }>();
      ids.forEach((id, index) => {
        const latencyMs = shared.value[2 * index];
        const ttftMs = shared.value[2 * index + 1];
        if (latencyMs == null && ttftMs == null) return;
        const entry: { latencyMs?: number; ttftMs?: number } = {};
        if (latencyMs != null) entry.latencyMs = numberOf(latencyMs);
        if (ttftMs != null) entry.ttftMs = numberOf(ttftMs);
        averages.set(id, entry);
      });
      return averages;
    },

    async close() {
      if (closed) return;
      clearInterval(heartbeat);
      // This instance's requests no longer count anywhere (best effort, bounded like every call).
      for (const id of ownInFlight.keys()) ownInFlight.set(id, 0);
      await refreshInFlight();
      closed = true;
      ownInFlight.clear();
      unsynced.clear();
      await local.close();
      if (options.closeRedis) await closeRouterRedis(options.redis, timeoutMs);
    },
  };
}
