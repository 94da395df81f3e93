// Time per request spent in the limiter: reserve + settle + end, in process and in Redis (the
// shared Redis at 127.0.0.1:6379, under a prefix of this run, removed afterwards).
// Run: cd packages/proxy && pnpm exec vitest bench --run scripts/limiter.bench.ts
import type { Redis } from 'ioredis';
import { bench, describe } from 'vitest';
import type { LimitedEntity, Limiter } from '../src/governance/limiter.js';
import { createMemoryLimiter, createRedisLimiter } from '../src/governance/limits/index.js';
import {
  connectRedis,
  entity,
  removeKeys,
  request,
  sharedRedisUrl,
  uniquePrefix,
} from '../src/governance/limits/test-utils/limiter-fixtures.js';

// A key, its user and its team, each with the limits a busy deployment would set.
const entities: LimitedEntity[] = [
  entity({ scope: 'key', rpmLimit: 1e9, tpmLimit: 1e12, maxParallelRequests: 1e6, maxBudget: 1e9 }),
  entity({ scope: 'user', rpmLimit: 1e9, maxBudget: 1e9 }),
  entity({ scope: 'team', tpmLimit: 1e12, maxBudget: 1e9 }),
];

async function oneRequest(limiter: Limiter): Promise<void> {
  const result = await limiter.reserve(
    request(entities, Date.now(), { estimatedTokens: 1_000, estimatedCost: 0.01 }),
  );
  if (!result.ok) throw new Error(`refused: ${result.denial.kind}`);
  await result.reservation.settle({ tokens: 800, cost: 0.008 });
  await result.reservation.end();
}

// Connected before the benchmarks are collected (vitest's bench mode runs no beforeAll hooks).
const redis: Redis = await connectRedis(sharedRedisUrl);
const prefix = uniquePrefix();
const memory = createMemoryLimiter();
const shared = createRedisLimiter({ redis, prefix, commandTimeoutMs: 5_000 });

async function cleanUp(): Promise<void> {
  await shared.close();
  await removeKeys(redis, prefix);
  await redis.quit();
}

describe('reserve + settle + end (key, user and team)', () => {
  bench('in process', () => oneRequest(memory), { time: 1_000 });
  bench('Redis, one at a time', () => oneRequest(shared), { time: 1_000 });
  bench(
    'Redis, 50 concurrent (per batch of 50)',
    async () => {
      await Promise.all(Array.from({ length: 50 }, () => oneRequest(shared)));
    },
    { time: 1_000, teardown: (_task, mode) => (mode === 'run' ? cleanUp() : undefined) },
  );
});
