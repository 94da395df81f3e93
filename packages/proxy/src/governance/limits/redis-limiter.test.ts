import { type RedisServer, startRedisServer } from '@switchyard-tooling/test-process';
import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Limiter, Reservation, ReserveResult } from '../limiter.js';
import { minuteOf } from './limit-rules.js';
import { entityKeys } from './limiter-keys.js';
import { createRedisLimiter, type RedisLimiterOptions } from './redis-limiter.js';
import {
  connectRedis,
  entity,
  removeKeys,
  request,
  sharedRedisUrl,
  testClock,
  uniquePrefix,
  unusedLimiter,
} from './test-utils/limiter-fixtures.js';
import { startTcpRelay } from './test-utils/tcp-relay.js';

function admitted(result: ReserveResult): Reservation {
  if (!result.ok) throw new Error(`expected admission, got a ${result.denial.kind} refusal`);
  return result.reservation;
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const dayMs = 86_400_000;
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Redis limiter on the shared Redis', () => {
  let prefix: string;
  let direct: Redis;
  beforeAll(async () => {
    prefix = uniquePrefix();
    direct = await connectRedis(sharedRedisUrl);
  });
  afterAll(async () => {
    await removeKeys(direct, prefix);
    await direct.quit();
  });

  async function replica(options: Partial<RedisLimiterOptions> = {}): Promise<Limiter> {
    const redis = await connectRedis(sharedRedisUrl);
    const limiter = createRedisLimiter({
      redis,
      prefix,
      commandTimeoutMs: 10_000,
      fallback: unusedLimiter,
      ...options,
    });
    cleanups.push(async () => {
      await limiter.close();
      if (redis.status === 'ready') await redis.quit();
    });
    return limiter;
  }

  it('shares counts between two limiters with their own clients and the same prefix', async () => {
    const clock = testClock();
    const [first, second] = [await replica({ now: clock.now }), await replica({ now: clock.now })];
    const key = entity({ rpmLimit: 10 });
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 === 0 ? first : second).reserve(request([key], clock.now())),
      ),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(10);

    const team = entity({ scope: 'team', maxBudget: 1, maxParallelRequests: 1 });
    const held = admitted(await first.reserve(request([team], clock.now(), { estimatedCost: 0.1 })));
    expect(await second.reserve(request([team], clock.now()))).toMatchObject({
      ok: false,
      denial: { kind: 'parallel' },
    });
    await held.settle({ tokens: 100, cost: 0.75 });
    await held.end();
    expect(await second.liveSpend(team, clock.now())).toBeCloseTo(0.75, 12);
    // 0.75 of 1 spent, seen by the other replica: one more request fits, and while it is in flight
    // (0.3 reserved) nothing else does.
    const last = admitted(await second.reserve(request([team], clock.now(), { estimatedCost: 0.3 })));
    await last.settle({ tokens: 10, cost: 0.05 });
    expect(await first.reserve(request([team], clock.now(), { estimatedCost: 0 }))).toMatchObject({
      ok: false,
      denial: { kind: 'budget' },
    });
    await last.end();
    admitted(await first.reserve(request([team], clock.now(), { estimatedCost: 0.25 })));
  });

  it("lets a crashed replica's reservations expire with their lease", async () => {
    const clock = testClock();
    const crashing = await connectRedis(sharedRedisUrl);
    const doomed = createRedisLimiter({ redis: crashing, prefix, now: clock.now, leaseMs: 30_000 });
    const survivor = await replica({ now: clock.now });
    const user = entity({ scope: 'user', maxParallelRequests: 1, maxBudget: 1 });
    admitted(await doomed.reserve(request([user], clock.now(), { estimatedCost: 0.9 })));
    crashing.disconnect();

    expect(await survivor.reserve(request([user], clock.now()))).toMatchObject({
      ok: false,
      denial: { kind: 'parallel' },
    });
    clock.advance(30_000);
    // The lease is the crashed replica's own (30 s), not the survivor's default (10 minutes).
    admitted(await survivor.reserve(request([user], clock.now(), { estimatedCost: 1 })));
  });

  it('writes escaped, documented keys with expiries, and removes in-flight entries on end', async () => {
    const clock = testClock();
    const limiter = await replica({ now: clock.now });
    const periodEnd = clock.start + 3 * dayMs;
    const colon = entity({
      id: 'a:b',
      rpmLimit: 5,
      tpmLimit: 1_000,
      maxParallelRequests: 3,
      maxBudget: 2,
      budgetResetAt: periodEnd,
    });
    const lookalike = entity({ id: 'a%003ab', rpmLimit: 1, maxBudget: 2 });
    const long = entity({ scope: 'team', id: 'x'.repeat(300), rpmLimit: 1 });
    const free = entity({ id: 'no-limits' });
    const reservation = admitted(await limiter.reserve(request([colon, lookalike, long, free], clock.now())));
    await reservation.settle({ tokens: 12, cost: 0.5 });

    const minute = minuteOf(clock.now());
    const escaped = `${prefix}:%s:key:a%003ab`;
    const keyOf = (kind: string, suffix = '') => `${escaped.replace('%s', kind)}${suffix}`;
    const longId = (await direct.keys(`${prefix}:rpm:team:*`))[0];
    expect(longId).toMatch(new RegExp(`^${prefix}:rpm:team:#[0-9a-f]{64}:${minute}$`));
    const keys = new Set(await direct.keys(`${prefix}:*:key:a%003ab*`));
    expect(keys).toEqual(
      new Set([
        keyOf('rpm', `:${minute}`),
        keyOf('tpm', `:${minute}`),
        keyOf('inflight'),
        keyOf('estimates'),
        keyOf('spend', `:${periodEnd}`),
      ]),
    );
    // The look-alike id is a different entity with keys of its own.
    expect(await direct.get(`${prefix}:rpm:key:a%0025003ab:${minute}`)).toBe('1');
    expect(await direct.get(`${prefix}:spend:key:a%0025003ab:all`)).toBe('0.5');
    expect(await direct.keys(`${prefix}:*no-limits*`)).toEqual([]);

    expect(Number(await direct.get(keyOf('tpm', `:${minute}`)))).toBe(12);
    expect(await direct.pttl(keyOf('rpm', `:${minute}`))).toBeGreaterThan(60_000);
    expect(await direct.pttl(keyOf('rpm', `:${minute}`))).toBeLessThanOrEqual(120_000);
    expect(await direct.pttl(keyOf('inflight'))).toBeGreaterThan(600_000);
    expect(await direct.pttl(keyOf('inflight'))).toBeLessThanOrEqual(660_000);
    expect(await direct.call('PEXPIRETIME', keyOf('spend', `:${periodEnd}`))).toBe(periodEnd + dayMs);
    expect(await direct.pttl(`${prefix}:spend:key:a%0025003ab:all`)).toBeGreaterThan(6 * dayMs);
    expect(await direct.zscore(keyOf('inflight'), (await direct.zrange(keyOf('inflight'), 0, -1))[0]!)).toBe(
      String(clock.now() + 600_000),
    );

    await reservation.end();
    expect(await direct.zcard(keyOf('inflight'))).toBe(0);
    expect(await direct.hlen(keyOf('estimates'))).toBe(0);
    // An id in the key space never reaches another entity's keys.
    const direct2 = entityKeys(prefix, 'key', 'a:b:1');
    expect(direct2.requests(1)).toBe(`${prefix}:rpm:key:a%003ab%003a1:1`);
  });
});

describe('Redis limiter when Redis fails', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.stop());

  it('falls back to per-process limits within a bounded time, warns once, and is shared again after a restart', async () => {
    const warnings: string[] = [];
    const prefix = uniquePrefix();
    const redis = await connectRedis(server.url);
    const limiter = createRedisLimiter({
      redis,
      prefix,
      commandTimeoutMs: 100,
      retryAfterMs: 200,
      logger: { warn: (message) => warnings.push(message) },
    });
    cleanups.push(async () => {
      await limiter.close();
      redis.disconnect();
    });
    const key = entity({ rpmLimit: 2 });
    const at = Date.now();
    admitted(await limiter.reserve(request([key], at)));
    expect(await redis.get(entityKeys(prefix, 'key', key.id).requests(minuteOf(at)))).toBe('1');

    await server.stop();
    const outcomes: boolean[] = [];
    for (let attempt = 0; attempt < 6; attempt += 1) {
      const started = Date.now();
      const result = await limiter.reserve(request([key], at));
      outcomes.push(result.ok);
      if (result.ok) {
        await result.reservation.settle({ tokens: 1, cost: 0 });
        await result.reservation.end();
      }
      expect(Date.now() - started).toBeLessThan(100 + 2_000);
    }
    // Counted per process meanwhile: this process's own two, then refusals.
    expect(outcomes).toEqual([true, true, false, false, false, false]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Redis is unavailable');

    await server.start();
    const fresh = entity({ rpmLimit: 1 });
    await until(async () => {
      await limiter.reserve(request([entity({ rpmLimit: 100 })], Date.now()));
      return warnings.length === 2;
    });
    expect(warnings[1]).toContain('answers again');
    const now = Date.now();
    admitted(await limiter.reserve(request([fresh], now)));
    expect(await redis.get(entityKeys(prefix, 'key', fresh.id).requests(minuteOf(now)))).toBe('1');
  });

  it('answers within the time limit when Redis stops answering, and later frees what it held', async () => {
    const prefix = uniquePrefix();
    const redis = await connectRedis(server.url);
    const limiter = createRedisLimiter({ redis, prefix, commandTimeoutMs: 150 });
    cleanups.push(async () => {
      await limiter.close();
      redis.disconnect();
    });
    const user = entity({ scope: 'user', maxParallelRequests: 1 });
    const keys = entityKeys(prefix, 'user', user.id);
    const held = admitted(await limiter.reserve(request([user], Date.now())));

    const pid = server.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      const result = await limiter.reserve(request([entity({ rpmLimit: 1 })], Date.now()));
      expect(result.ok).toBe(true);
      await held.end();
      expect(Date.now() - started).toBeLessThan(150 * 2 + 2_000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await until(async () => (await redis.zcard(keys.inFlight)) === 0);
    admitted(await limiter.reserve(request([user], Date.now())));
    await removeKeys(redis, prefix);
  });

  it('retries a release that could not reach Redis once Redis answers again', async () => {
    const relay = await startTcpRelay(server.port);
    cleanups.push(() => relay.close());
    const prefix = uniquePrefix();
    const direct = await connectRedis(server.url);
    const redis = await connectRedis(`redis://127.0.0.1:${relay.port}`);
    const warnings: string[] = [];
    const limiter = createRedisLimiter({
      redis,
      prefix,
      commandTimeoutMs: 200,
      retryAfterMs: 100,
      logger: { warn: (message) => warnings.push(message) },
    });
    cleanups.push(async () => {
      await limiter.close();
      redis.disconnect();
      await removeKeys(direct, prefix);
      await direct.quit();
    });
    const user = entity({ scope: 'user', maxParallelRequests: 1, tpmLimit: 1_000 });
    const keys = entityKeys(prefix, 'user', user.id);
    const held = admitted(await limiter.reserve(request([user], Date.now(), { estimatedTokens: 500 })));

    await relay.cut();
    await held.end();
    expect(await direct.zcard(keys.inFlight)).toBe(1);
    await relay.restore();
    // Another replica (here: the same Redis, read directly) sees the slot freed once the limiter
    // gets through again, without waiting for the 10-minute lease.
    await until(async () => {
      await limiter.reserve(request([entity({ rpmLimit: 100 })], Date.now()));
      return (await direct.zcard(keys.inFlight)) === 0;
    });
    expect(await direct.hlen(keys.estimates)).toBe(0);
  });

  it('reloads its scripts when Redis forgot them (SCRIPT FLUSH, a restart)', async () => {
    const prefix = uniquePrefix();
    const redis = await connectRedis(server.url);
    const limiter = createRedisLimiter({ redis, prefix, commandTimeoutMs: 10_000, fallback: unusedLimiter });
    cleanups.push(async () => {
      await limiter.close();
      await removeKeys(redis, prefix);
      await redis.quit();
    });
    const key = entity({ rpmLimit: 2, maxBudget: 1 });
    await admitted(await limiter.reserve(request([key], Date.now()))).settle({ tokens: 1, cost: 0.5 });
    await redis.script('FLUSH');
    const again = admitted(await limiter.reserve(request([key], Date.now())));
    await redis.script('FLUSH');
    await again.settle({ tokens: 1, cost: 0.25 });
    await redis.script('FLUSH');
    await again.end();
    expect(await limiter.liveSpend(key, Date.now())).toBe(0.75);
  });
});
