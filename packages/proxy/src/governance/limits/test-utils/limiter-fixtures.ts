import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { LimitedEntity, Limiter, ReserveRequest } from '../../limiter.js';

/** The shared Redis of the test machine. */
export const sharedRedisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of this test run only (parallel and repeated runs never share keys). */
export function uniquePrefix(): string {
  return `switchyard-test:limits:${randomUUID()}`;
}

/**
 * A client set up as the limiter wants it in production (no offline queue, no retries per
 * command, reconnecting in the background), resolved once it is ready.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: 2_000,
    retryStrategy: (attempt) => Math.min(50 * attempt, 500),
  });
  await new Promise<void>((resolve, reject) => {
    redis.once('ready', resolve);
    redis.once('error', reject);
  });
  return redis;
}

/** Deletes every key under `prefix` (this run's keys only). */
export async function removeKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** An entity of its own (fresh id) with no limits unless given. */
export function entity(fields: Partial<LimitedEntity> = {}): LimitedEntity {
  return {
    scope: 'key',
    id: `id-${randomUUID()}`,
    rpmLimit: null,
    tpmLimit: null,
    maxParallelRequests: null,
    maxBudget: null,
    spend: 0,
    budgetResetAt: null,
    ...fields,
  };
}

/** A reserve request with a fresh id (no estimate unless given). */
export function request(
  entities: ReadonlyArray<LimitedEntity>,
  now: number,
  fields: Partial<ReserveRequest> = {},
): ReserveRequest {
  return { requestId: randomUUID(), entities, estimatedTokens: 0, estimatedCost: 0, now, ...fields };
}

/** A limiter that fails the test when used (the Redis limiter's fallback where Redis must answer). */
export const unusedLimiter: Limiter = {
  reserve: () => Promise.reject(new Error('the fallback limiter answered: Redis did not')),
  liveSpend: () => Promise.reject(new Error('the fallback limiter answered: Redis did not')),
  close: () => Promise.resolve(),
};

/** Starts at the beginning of a minute (plus a second) a little ahead of the real clock. */
export function testClock(): { now: () => number; advance(ms: number): void; readonly start: number } {
  const start = (Math.floor(Date.now() / 60_000) + 1) * 60_000 + 1_000;
  let current = start;
  return {
    now: () => current,
    advance(ms) {
      current += ms;
    },
    start,
  };
}
