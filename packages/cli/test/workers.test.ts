import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { waitForOutput } from '@switchyard-tooling/test-process';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

// `switchyard --workers N` through the real command: refused without shared state, and two
// workers serving one port (sharing Redis and PostgreSQL), a crashed worker replaced.

const postgresUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const schema = `sy_test_${randomBytes(6).toString('hex')}`;
const key = 'sk-workers-test-key-1234';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'switchyard-workers-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
  const client = new pg.Client({ connectionString: postgresUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
});

async function config(name: string, extra: string): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(
    file,
    `model_list:\n  - model_name: demo\n    litellm_params:\n      model: mock/demo\ngeneral_settings:\n  master_key: ${key}\n${extra}`,
  );
  return file;
}

async function chat(url: string): Promise<Response> {
  return fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'ping' }] }),
  });
}

async function until(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('switchyard --workers', () => {
  it('refuses more than one worker without Redis and PostgreSQL, saying why', async () => {
    const run = runCli(['--config', await config('alone.yaml', ''), '--workers', '2', '--port', '0']);
    expect(await run.exited).toBe(1);
    expect(run.stderr()).toContain('--workers 2 refused');
    expect(run.stderr()).toContain('router_settings.redis_url');
    expect(run.stderr()).toContain('rate limits, budgets, cooldowns and the response cache');
    expect(run.stderr()).toContain('general_settings.database_url');
    expect(run.stdout()).not.toContain('listening');

    const redisOnly = runCli([
      '--config',
      await config('redis-only.yaml', `router_settings:\n  redis_url: ${redisUrl}\n`),
      '--workers',
      '2',
    ]);
    expect(await redisOnly.exited).toBe(1);
    expect(redisOnly.stderr()).not.toContain('no Redis');
    expect(redisOnly.stderr()).toContain('SQLite');
  });

  it('refuses a bad worker count as wrong usage', async () => {
    const run = runCli(['--model', 'mock/x', '--workers', '0']);
    expect(await run.exited).toBe(2);
    expect(run.stderr()).toContain('--workers must be a whole number');
  });

  it('serves one port from two workers, replaces a crashed one, and stops all on SIGTERM', {
    timeout: 60_000,
  }, async () => {
    const file = await config(
      'shared.yaml',
      `  database_url: ${postgresUrl}?schema=${schema}\nrouter_settings:\n  redis_url: ${redisUrl}\n`,
    );
    const run = runCli(['--config', file, '--workers', '2', '--port', '0']);
    const banner = /workers: 2 processes on one port \(pids (\d+), (\d+)\)/;
    const match = banner.exec(run.stdout()) ?? (await waitForOutput(run.child, banner, 45_000));
    const url = /proxy listening on (http:\/\/\S+)/.exec(run.stdout())?.[1];
    expect(url).toBeTruthy();
    expect(run.stdout().match(/proxy listening on/g)).toHaveLength(1);
    const pids = [Number(match[1]), Number(match[2])];
    expect(new Set([...pids, run.child.pid])).toHaveProperty('size', 3);
    const answers = await Promise.all(Array.from({ length: 8 }, () => chat(url!)));
    for (const answer of answers) {
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as { object: string }).object).toBe('chat.completion');
    }

    process.kill(pids[0]!, 'SIGKILL');
    await until(() => run.stderr().includes(`worker ${pids[0]} exited (signal SIGKILL); starting another`));
    const again = await chat(url!);
    expect(again.status).toBe(200);
    await again.text();

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    for (const pid of pids.slice(1)) expect(() => process.kill(pid, 0)).toThrow();
  });
});
