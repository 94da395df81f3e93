import { randomUUID } from 'node:crypto';
import { type RedisServer, startRedisServer } from '@switchyard-tooling/test-process';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisBackend } from './redis-backend.js';
import { createRedisClient } from './redis-connection.js';
import { describeBackendConformance } from './test-utils/backend-conformance.js';

const sharedRedis = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Deletes every key under `prefix` (this run's keys only). */
async function removeKeys(client: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await client.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

async function until(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeBackendConformance('redis', async () => {
  // Generous limits: this suite checks what Redis stores, not how a slow Redis is contained.
  const client = createRedisClient({ url: sharedRedis, commandTimeoutMs: 5_000 });
  const backend = new RedisBackend({ client, ownsClient: true, timeoutMs: 5_000 });
  await backend.ready();
  const prefix = `switchyard-test:cache:${randomUUID()}`;
  return {
    backend,
    prefix,
    elapse: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    close: async () => {
      await removeKeys(client, prefix);
      await backend.close();
    },
  };
});

describe('RedisBackend when Redis fails', () => {
  let server: RedisServer;
  beforeAll(async () => {
    server = await startRedisServer();
  });
  afterAll(() => server.stop());

  it('fails open while Redis is down, warns once per circuit change, and comes back by itself', async () => {
    const warnings: string[] = [];
    const backend = new RedisBackend({
      client: createRedisClient({ url: server.url }),
      ownsClient: true,
      timeoutMs: 300,
      circuit: { failureThreshold: 2, resetAfterMs: 200 },
      logger: { warn: (message) => warnings.push(message) },
    });
    try {
      await backend.ready();
      await backend.setMany([{ key: 'k', value: 'v' }]);
      expect(await backend.getMany(['k'])).toEqual(['v']);

      await server.stop();
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const started = Date.now();
        expect(await backend.getMany(['k'])).toEqual([undefined]);
        await backend.setMany([{ key: 'k', value: 'w' }]);
        expect(Date.now() - started).toBeLessThan(2_500);
      }
      expect(backend.circuit).toBe('open');
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain('Redis unavailable');

      await server.start();
      await until(async () => {
        await backend.getMany(['k']);
        return backend.circuit === 'closed';
      });
      expect(warnings).toHaveLength(2);
      expect(warnings[1]).toContain('back');
      await backend.setMany([{ key: 'k', value: 'again' }]);
      expect(await backend.getMany(['k'])).toEqual(['again']);
    } finally {
      await backend.close();
    }
  });

  it('bounds a Redis that stops answering by the command time limit', async () => {
    const backend = new RedisBackend({
      client: createRedisClient({ url: server.url, commandTimeoutMs: 200 }),
      ownsClient: true,
      timeoutMs: 200,
    });
    await backend.ready();
    const pid = server.pid!;
    process.kill(pid, 'SIGSTOP');
    try {
      const started = Date.now();
      expect(await backend.getMany(['anything'])).toEqual([undefined]);
      await backend.setMany([{ key: 'anything', value: 'x' }]);
      // Two commands, each bounded by the 200 ms limit (plus slack for a busy machine).
      expect(Date.now() - started).toBeLessThan(200 * 2 + 2_000);
    } finally {
      process.kill(pid, 'SIGCONT');
      await backend.close();
    }
  });
});
