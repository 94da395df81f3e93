import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKey, hashKey } from '@switchyard/store';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

// Several replicas on one PostgreSQL and one Redis, and restarts: limits hold across processes,
// a key revoked on one replica is refused by the others, and nothing is lost on restart.

const postgresUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schemas: string[] = [];

afterAll(async () => {
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
});

function freshSchema(): string {
  const schema = `sy_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
}

/** `general_settings` lines and router_settings for a replica on this database (and Redis). */
function replicaYaml(databaseUrl: string, withRedis: boolean): [string, string] {
  const router = `router_settings:\n  num_retries: 0\n${withRedis ? `  redis_url: ${redisUrl}\n` : ''}`;
  return [`  database_url: ${databaseUrl}\n`, router];
}

function call(setup: TestProxy, key: string) {
  return fetch(`${setup.proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'gpt-test', max_tokens: 5, messages: [{ role: 'user', content: 'hi' }] }),
  });
}

async function until(condition: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('replicas sharing PostgreSQL and Redis', () => {
  it('hold one rpm limit between them, and refuse a key revoked on either at once', async () => {
    const databaseUrl = `${postgresUrl}?schema=${freshSchema()}`;
    const [general, router] = replicaYaml(databaseUrl, true);
    const first = await startTestProxy(general, '', [], router);
    const second = await startTestProxy(general, '', [], router);
    try {
      // A unique key per run: the limits' Redis counters are keyed by its hash.
      const key = generateKey();
      await first.proxy.store.createKey({ token: hashKey(key), rpm_limit: 4 });
      // rpm counts per minute: keep the burst inside one.
      const intoMinute = Date.now() % 60_000;
      if (intoMinute > 50_000) await new Promise((resolve) => setTimeout(resolve, 60_500 - intoMinute));
      const statuses: number[] = [];
      for (let sent = 0; sent < 8; sent++) {
        statuses.push((await call(sent % 2 === 0 ? first : second, key)).status);
      }
      expect(first.logs.concat(second.logs).join('\n')).not.toContain('limits count per process');
      expect(statuses.filter((status) => status === 200)).toHaveLength(4);
      expect(statuses.slice(4)).toEqual([429, 429, 429, 429]);

      // Both replicas have the key cached; blocking it through one reaches the other at once.
      const other = generateKey();
      await first.proxy.store.createKey({ token: hashKey(other) });
      expect((await call(first, other)).status).toBe(200);
      expect((await call(second, other)).status).toBe(200);
      const blocked = await fetch(`${first.proxy.url}/key/block`, {
        method: 'POST',
        headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ key: other }),
      });
      expect(blocked.status).toBe(200);
      await until(async () => (await call(second, other)).status === 401, 2_000);
    } finally {
      await first.close();
      await second.close();
    }
  }, 30_000);
});

describe('restarts', () => {
  const backends = [
    {
      name: 'SQLite',
      async location() {
        const folder = await mkdtemp(path.join(tmpdir(), 'switchyard-restart-'));
        return {
          general: `  database_path: ${path.join(folder, 'switchyard.db')}\n`,
          cleanup: () => rm(folder, { recursive: true, force: true }),
        };
      },
    },
    {
      name: 'PostgreSQL',
      async location() {
        return {
          general: replicaYaml(`${postgresUrl}?schema=${freshSchema()}`, false)[0],
          cleanup: async () => {},
        };
      },
    },
  ];

  it.each(backends)('keep keys and spend on $name', async (backend) => {
    const { general, cleanup } = await backend.location();
    try {
      const key = generateKey();
      const token = hashKey(key);
      let setup = await startTestProxy(general);
      await setup.proxy.store.createKey({ token, key_alias: 'survivor', max_budget: 100 });
      expect((await call(setup, key)).status).toBe(200);
      // Closing flushes the spend logs still queued.
      await setup.close();
      setup = await startTestProxy(general);
      try {
        const stored = await setup.proxy.store.getKey(token);
        expect(stored?.key_alias).toBe('survivor');
        expect(stored?.spend).toBeGreaterThan(0);
        const logs = await setup.proxy.store.listSpendLogs({ api_key: token });
        expect(logs.items).toHaveLength(1);
        expect((await call(setup, key)).status).toBe(200);
      } finally {
        await setup.close();
      }
    } finally {
      await cleanup();
    }
  });
});
