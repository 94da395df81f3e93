import type { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { LimitedEntity, Limiter, Reservation, ReserveResult } from '../limiter.js';
import { createMemoryLimiter } from './memory-limiter.js';
import { createRedisLimiter } from './redis-limiter.js';
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

// One behaviour suite for both limiters (as hono runs one router suite over all its routers):
// whatever runs in one process must hold the same way when Redis holds the counts.

interface Subject {
  create(now: () => number): Limiter;
  close(): Promise<void>;
}

function inProcess(): Subject {
  const limiters: Limiter[] = [];
  return {
    create(now) {
      const limiter = createMemoryLimiter({ now });
      limiters.push(limiter);
      return limiter;
    },
    close: async () => {
      await Promise.all(limiters.map((limiter) => limiter.close()));
    },
  };
}

async function inRedis(): Promise<Subject> {
  const redis: Redis = await connectRedis(sharedRedisUrl);
  const prefix = uniquePrefix();
  const limiters: Limiter[] = [];
  return {
    create(now) {
      // Generous time limit and no fallback: this suite checks what Redis counts, not how a slow
      // Redis is contained (redis-limiter.test.ts does that).
      const limiter = createRedisLimiter({
        redis,
        prefix,
        now,
        commandTimeoutMs: 10_000,
        fallback: unusedLimiter,
      });
      limiters.push(limiter);
      return limiter;
    },
    close: async () => {
      await Promise.all(limiters.map((limiter) => limiter.close()));
      await removeKeys(redis, prefix);
      await redis.quit();
    },
  };
}

function admitted(result: ReserveResult): Reservation {
  if (!result.ok) throw new Error(`expected admission, got a ${result.denial.kind} refusal`);
  return result.reservation;
}

function refusal(result: ReserveResult) {
  if (result.ok) throw new Error('expected a refusal');
  return result.denial;
}

describe.each([
  ['in-process', inProcess],
  ['Redis', inRedis],
] as const)('%s limiter', (_name, setup) => {
  let subject: Subject;
  let clock: ReturnType<typeof testClock>;
  let limiter: Limiter;
  beforeAll(async () => {
    subject = await setup();
  });
  afterAll(() => subject.close());
  beforeEach(() => {
    clock = testClock();
    limiter = subject.create(clock.now);
  });

  const reserve = (entities: LimitedEntity[], fields: Parameters<typeof request>[2] = {}) =>
    limiter.reserve(request(entities, clock.now(), fields));

  it('admits rpm requests up to the limit within a minute, and again in the next minute', async () => {
    const key = entity({ rpmLimit: 3 });
    const remaining: Array<number | undefined> = [];
    for (let index = 0; index < 3; index += 1) {
      const result = await reserve([key]);
      admitted(result);
      expect(result.snapshot.limitRequests).toBe(3);
      remaining.push(result.snapshot.remainingRequests);
      await admitted(result).end();
    }
    expect(remaining).toEqual([2, 1, 0]);

    clock.advance(20_000);
    const refused = await reserve([key]);
    expect(refusal(refused)).toEqual({ kind: 'rpm', entity: key, limit: 3, retryAfterSeconds: 39 });
    expect(refused.snapshot).toEqual({ limitRequests: 3, remainingRequests: 0, resetSeconds: 39 });

    clock.advance(39_000);
    for (let index = 0; index < 3; index += 1) admitted(await reserve([key]));
    expect(refusal(await reserve([key])).retryAfterSeconds).toBe(60);
  });

  it('counts in-flight estimates and settled tokens against tpm, settled in the minute of settlement', async () => {
    const key = entity({ tpmLimit: 1_000 });
    const first = admitted(await reserve([key], { estimatedTokens: 400 }));
    const second = await reserve([key], { estimatedTokens: 400 });
    expect(second.snapshot).toMatchObject({ limitTokens: 1_000, remainingTokens: 200 });
    // The request's own estimate is an upper bound: it is not held against it, only against later ones.
    const third = admitted(await reserve([key], { estimatedTokens: 400 }));
    const refused = await reserve([key], { estimatedTokens: 1 });
    expect(refusal(refused)).toMatchObject({ kind: 'tpm', limit: 1_000, retryAfterSeconds: 59 });

    await first.settle({ tokens: 300, cost: 0 });
    await first.end();
    await third.end();
    // Settled 300 + the second request's 400 in flight.
    const fourth = await reserve([key], { estimatedTokens: 100 });
    expect(fourth.snapshot.remainingTokens).toBe(200);
    await admitted(second).settle({ tokens: 650, cost: 0 });
    await admitted(second).end();
    await admitted(fourth).end();
    // 950 settled this minute: the next request still fits, then the minute is full.
    const fifth = admitted(await reserve([key], { estimatedTokens: 10 }));
    await fifth.settle({ tokens: 50, cost: 0 });
    await fifth.end();
    expect(refusal(await reserve([key])).kind).toBe('tpm');

    clock.advance(60_000);
    const next = await reserve([key], { estimatedTokens: 10 });
    expect(next.snapshot.remainingTokens).toBe(990);
    // Tokens count in the minute they are settled in, whenever the request started.
    clock.advance(60_000);
    await admitted(next).settle({ tokens: 1_000, cost: 0 });
    await admitted(next).end();
    expect(refusal(await reserve([key])).kind).toBe('tpm');
    clock.advance(60_000);
    admitted(await reserve([key]));
  });

  it('holds parallel slots until end, once per reservation', async () => {
    const key = entity({ maxParallelRequests: 2 });
    const first = admitted(await reserve([key]));
    const second = admitted(await reserve([key]));
    expect(refusal(await reserve([key]))).toEqual({
      kind: 'parallel',
      entity: key,
      limit: 2,
      retryAfterSeconds: 1,
    });
    await first.end();
    await first.end();
    const third = admitted(await reserve([key]));
    expect(refusal(await reserve([key])).kind).toBe('parallel');
    await second.end();
    await third.end();
    admitted(await reserve([key]));
    admitted(await reserve([key]));
  });

  it('frees a parallel slot whose end never came once its lease (10 minutes) is over', async () => {
    const key = entity({ maxParallelRequests: 1, tpmLimit: 100 });
    admitted(await reserve([key], { estimatedTokens: 100 }));
    clock.advance(9 * 60_000);
    expect(refusal(await reserve([key])).kind).toBe('tpm');
    const key2 = { ...key, tpmLimit: null };
    expect(refusal(await reserve([key2])).kind).toBe('parallel');
    clock.advance(60_000);
    const after = await reserve([key], { estimatedTokens: 10 });
    expect(after.snapshot.remainingTokens).toBe(90);
    expect(refusal(await reserve([key2])).kind).toBe('parallel');
  });

  it('enforces a budget with estimates in flight and settled spend, seeded from the store', async () => {
    const key = entity({ maxBudget: 1, spend: 0.2 });
    const first = admitted(await reserve([key], { estimatedCost: 0.3 }));
    // Spend + in flight (0.5) is under the budget: admitted, whatever its own estimate.
    const second = admitted(await reserve([key], { estimatedCost: 0.6 }));
    const over = refusal(await reserve([key], { estimatedCost: 0.01 }));
    expect(over).toMatchObject({ kind: 'budget', entity: key, limit: 1 });
    expect(over.spend).toBeCloseTo(1.1, 12);
    await second.end();
    await first.settle({ tokens: 10, cost: 0.25 });
    await first.settle({ tokens: 10, cost: 0.05 });
    expect(await limiter.liveSpend(key, clock.now())).toBeCloseTo(0.5, 12);
    await first.end();
    // 0.5 spent: one more request is admitted, and none while it holds the rest of the budget.
    const rest = admitted(await reserve([key], { estimatedCost: 0.5 }));
    expect(refusal(await reserve([key], { estimatedCost: 0 })).spend).toBeCloseTo(1, 12);
    await rest.settle({ tokens: 1, cost: 0.4 });
    await rest.end();
    // 0.9 spent: a request without a known price still passes while spend is below the budget.
    const unpriced = admitted(await reserve([key], { estimatedCost: 0 }));
    await unpriced.settle({ tokens: 1, cost: 0.1 });
    await unpriced.end();
    expect(refusal(await reserve([key], { estimatedCost: 0 }))).toMatchObject({ kind: 'budget', limit: 1 });
    expect(await limiter.liveSpend(key, clock.now())).toBeCloseTo(1, 12);

    // The store caught up with spend this limiter never saw (another path): the counter follows it.
    const other = entity({ maxBudget: 10 });
    admitted(await reserve([other], { estimatedCost: 1 }));
    const caughtUp = { ...other, spend: 9.5 };
    expect(await limiter.liveSpend(caughtUp, clock.now())).toBe(9.5);
    expect(refusal(await reserve([caughtUp], { estimatedCost: 0.5 }))).toMatchObject({
      kind: 'budget',
      spend: 10.5,
    });
  });

  it('starts a new budget period from the store spend when budgetResetAt changes', async () => {
    const firstPeriodEnd = clock.start + 3_600_000;
    const key = entity({ maxBudget: 1, budgetResetAt: firstPeriodEnd });
    const spending = admitted(await reserve([key], { estimatedCost: 0.1 }));
    await spending.settle({ tokens: 1, cost: 1 });
    await spending.end();
    expect(refusal(await reserve([key], { estimatedCost: 0.2 })).kind).toBe('budget');

    clock.advance(3_600_000);
    const nextPeriod = { ...key, spend: 0.05, budgetResetAt: firstPeriodEnd + 3_600_000 };
    expect(await limiter.liveSpend(nextPeriod, clock.now())).toBe(0.05);
    const fresh = admitted(await reserve([nextPeriod], { estimatedCost: 0.9 }));
    await fresh.settle({ tokens: 1, cost: 0.5 });
    await fresh.end();
    expect(await limiter.liveSpend(nextPeriod, clock.now())).toBeCloseTo(0.55, 12);
    // The old period is left as it was.
    expect(await limiter.liveSpend(key, clock.now())).toBeCloseTo(1, 12);
  });

  it('checks key, user and team together: a refusal by one reserves nothing on the others', async () => {
    const key = entity({ scope: 'key', rpmLimit: 2 });
    const user = entity({ scope: 'user', maxParallelRequests: 1 });
    const team = entity({ scope: 'team', maxBudget: 1 });
    const first = admitted(await reserve([key, user, team], { estimatedCost: 0.2 }));
    expect(refusal(await reserve([key, user, team], { estimatedCost: 0.2 }))).toMatchObject({
      kind: 'parallel',
      entity: user,
    });
    await first.end();
    // Had the refused request counted on the key (rpm) or the team (0.2 in flight), this one
    // (0.2 + 0.8 settled-or-reserved ≤ 1) would be refused.
    const second = await reserve([key, user, team], { estimatedCost: 0.8 });
    expect(second.snapshot).toMatchObject({ limitRequests: 2, remainingRequests: 0 });
    await admitted(second).end();

    // Several limits failing at once: the budget is named first (retrying will not help).
    const broke = entity({ scope: 'team', maxBudget: 0.1, spend: 0.1 });
    expect(refusal(await reserve([key, broke])).kind).toBe('budget');
    expect(refusal(await reserve([key, team])).kind).toBe('rpm');
  });

  it('leaves entities without limits free and skips them', async () => {
    const free = entity({ spend: 3 });
    for (let index = 0; index < 20; index += 1) {
      const result = await reserve([free], { estimatedTokens: 1e6, estimatedCost: 100 });
      expect(result.snapshot).toEqual({ resetSeconds: 59 });
      await admitted(result).settle({ tokens: 1e6, cost: 100 });
    }
    expect(await limiter.liveSpend(free, clock.now())).toBe(3);
    const limited = entity({ rpmLimit: 1 });
    admitted(await reserve([free, limited]));
    expect(refusal(await reserve([free, limited])).entity).toBe(limited);
    admitted(await reserve([]));
  });

  it('names the field of a malformed request and keeps working', async () => {
    await expect(reserve([entity()], { estimatedCost: Number.NaN })).rejects.toThrow(/estimatedCost/);
    await expect(reserve([entity({ rpmLimit: -1 })])).rejects.toThrow(/entities\[0\]\.rpmLimit/);
    await expect(reserve([entity()], { requestId: '' })).rejects.toThrow(/requestId/);
    const ok = admitted(await reserve([entity({ rpmLimit: 1 })]));
    await expect(ok.settle({ tokens: -1, cost: 0 })).rejects.toThrow(/usage\.tokens/);
  });

  it('admits exactly k of 50 concurrent requests against a budget that allows k', async () => {
    const cost = 0.1;
    const k = 7;
    const team = entity({ scope: 'team', maxBudget: k * cost });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => reserve([entity({ rpmLimit: 100 }), team], { estimatedCost: cost })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(k);
    expect(results.filter((result) => !result.ok).every((result) => refusal(result).kind === 'budget')).toBe(
      true,
    );
  });

  it('admits exactly k of 50 concurrent requests against an rpm limit of k', async () => {
    const key = entity({ rpmLimit: 13 });
    const results = await Promise.all(
      Array.from({ length: 50 }, () => reserve([key], { estimatedTokens: 5 })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(13);
  });
});
