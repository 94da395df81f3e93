import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import type { Readable } from 'node:stream';
import { createOpenAI } from '@switchyard/openai';
import { closeRouterRedis, createRouterRedis } from '@switchyard/router';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLogger, parseConfig, type RunningProxy, startProxy } from '../src/index.js';

// Proxy replicas sharing router state through Redis, end to end over real HTTP: a cooldown started
// by one replica holds on the other, and Redis going away mid-traffic fails no request.
const masterKey = 'sk-test-master-key-0123456789';
const upstreamKey = 'sk-upstream-secret-abcdef123456';
const sharedRedisUrl = 'redis://127.0.0.1:6379';

let upstream: MockUpstream;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  upstream = await startMockUpstream({ apiKeys: [upstreamKey] });
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  upstream.reset();
});
afterAll(() => upstream.close());

interface Replica {
  proxy: RunningProxy;
  logs: string[];
}

/**
 * A proxy whose group `shared` has two deployments on the mock upstream (`bad-model` and
 * `good-model`, with ids unique to this run so parallel runs never share Redis keys).
 */
async function startReplica(runId: string, routerYaml: string): Promise<Replica> {
  const deployment = (model: string) => `
  - model_name: shared
    litellm_params:
      model: openai/${model}
      api_base: ${upstream.url}/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
    model_info:
      id: ${model}-${runId}`;
  const yaml = `
model_list:${deployment('bad-model')}${deployment('good-model')}
router_settings:
${routerYaml}
general_settings:
  master_key: ${masterKey}
`;
  const config = parseConfig(yaml, { env: { TEST_UPSTREAM_KEY: upstreamKey }, source: 'router-redis.yaml' });
  const logs: string[] = [];
  const logger = createLogger({ level: 'debug', write: (line) => logs.push(line) });
  const proxy = await startProxy({
    config,
    providers: [createOpenAI()],
    port: 0,
    logger,
    env: { SWITCHYARD_DATABASE_PATH: ':memory:' },
  });
  cleanups.push(() => proxy.close());
  return { proxy, logs };
}

async function chat(replica: Replica): Promise<{ status: number; deployment: string | null; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${replica.proxy.url}/v1/chat/completions`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'shared', messages: [{ role: 'user', content: 'hi' }] }),
  });
  await response.arrayBuffer();
  return {
    status: response.status,
    deployment: response.headers.get('x-litellm-model-id'),
    ms: performance.now() - started,
  };
}

/** Deletes the shared Redis keys of this run's deployments. */
async function deleteRunKeys(runId: string): Promise<void> {
  const redis = createRouterRedis({ redis_url: sharedRedisUrl })!;
  await new Promise((resolve) => redis.once('ready', resolve));
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*-model-${runId}*`, 'COUNT', 1000);
    cursor = next;
    if (keys.length > 0) await redis.del(...keys);
  } while (cursor !== '0');
  await closeRouterRedis(redis);
}

describe('two proxies sharing Redis', () => {
  it('see one cooldown: a deployment failing on proxy A is skipped by proxy B', async () => {
    const runId = randomUUID();
    cleanups.push(() => deleteRunKeys(runId));
    const routerYaml = `  redis_url: ${sharedRedisUrl}\n  allowed_fails: 1\n  cooldown_time: 60\n  num_retries: 0\n`;
    const a = await startReplica(runId, routerYaml);
    const b = await startReplica(runId, routerYaml);
    // Both replicas serve once (so their Redis connections are up), then bad-model starts failing.
    expect((await chat(a)).status).toBe(200);
    expect((await chat(b)).status).toBe(200);
    upstream.script({ match: { model: 'bad-model' }, status: 500 });
    const failedAtStart = upstream.requestCount('bad-model');

    // Traffic on A until bad-model has failed twice (more than allowed_fails) and is cooled down.
    for (let sent = 0; upstream.requestCount('bad-model') < failedAtStart + 2; sent += 1) {
      expect(sent).toBeLessThan(200);
      await chat(a);
    }
    await expect.poll(async () => (await chat(a)).deployment, { timeout: 5_000 }).toBe(`good-model-${runId}`);
    const failedBefore = upstream.requestCount('bad-model');

    // B never sent bad-model anything itself, yet skips it: it reads A's cooldown from Redis.
    const answers = [];
    for (let sent = 0; sent < 20; sent += 1) answers.push(await chat(b));
    expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(new Set(answers.map((answer) => answer.deployment))).toEqual(new Set([`good-model-${runId}`]));
    expect(upstream.requestCount('bad-model')).toBe(failedBefore);

    // The control: a replica without Redis knows nothing of that cooldown and still tries bad-model.
    const alone = await startReplica(runId, '  allowed_fails: 1\n  cooldown_time: 60\n  num_retries: 0\n');
    for (let sent = 0; upstream.requestCount('bad-model') === failedBefore; sent += 1) {
      expect(sent).toBeLessThan(100);
      await chat(alone);
    }
  });
});

/** A redis-server of its own on a free port, so the shared one is never stopped. */
async function startThrowawayRedis() {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  let child: ChildProcessByStdio<null, Readable, Readable> | undefined;
  const server = {
    url: `redis://127.0.0.1:${address.port}`,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(address.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = started;
      started.stderr.resume();
      await new Promise<void>((resolve, reject) => {
        let output = '';
        const timer = setTimeout(() => reject(new Error(`redis-server not ready:\n${output}`)), 10_000);
        started.once('exit', () => reject(new Error(`redis-server exited:\n${output}`)));
        started.stdout.on('data', (data: Buffer) => {
          output += data.toString();
          if (output.includes('Ready to accept connections')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
    },
    async kill() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once('exit', resolve));
      running.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  cleanups.push(() => server.kill());
  return server;
}

describe('Redis stopped mid-test', () => {
  it('fails no request: replicas go on with per-process state, warn once, and share again when it is back', async () => {
    const runId = randomUUID();
    const redis = await startThrowawayRedis();
    const routerYaml = `  redis_url: ${redis.url}\n  routing_strategy: least-busy\n  num_retries: 0\n`;
    const replicas = [await startReplica(runId, routerYaml), await startReplica(runId, routerYaml)];
    const unavailable = (replica: Replica) =>
      replica.logs.filter((line) => line.includes('Redis is unavailable'));
    const backAgain = (replica: Replica) =>
      replica.logs.filter((line) => line.includes('Redis answers again'));
    const traffic = async (rounds: number) => {
      const answers = [];
      for (let round = 0; round < rounds; round += 1) {
        answers.push(...(await Promise.all(replicas.flatMap((replica) => [chat(replica), chat(replica)]))));
      }
      return answers;
    };

    const before = await traffic(5);
    await redis.kill();
    const during = await traffic(15);
    for (const replica of replicas) expect(unavailable(replica)).toHaveLength(1);
    await redis.start();
    // Redis is probed again after the circuit's wait (5 s by default); traffic keeps flowing meanwhile.
    const after = [];
    for (let round = 0; replicas.some((replica) => backAgain(replica).length === 0); round += 1) {
      expect(round).toBeLessThan(200);
      after.push(...(await traffic(1)));
      await new Promise((resolve) => setTimeout(resolve, 50));
    }

    for (const answer of [...before, ...during, ...after]) expect(answer.status).toBe(200);
    // No request hung on Redis (a generous bound: each Redis call waits 100 ms at most).
    expect(Math.max(...during.map((answer) => answer.ms))).toBeLessThan(5_000);
    for (const replica of replicas) {
      expect(unavailable(replica)).toHaveLength(1);
      expect(backAgain(replica)).toHaveLength(1);
    }
  });
});
