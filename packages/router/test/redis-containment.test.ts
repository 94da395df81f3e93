import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { closeRouterRedis } from '../src/redis/close-router-redis.js';
import { createRouterRedis } from '../src/redis/create-router-redis.js';
import { createMemoryRouterState } from '../src/state/memory-router-state.js';
import { createRedisRouterState, type RedisRouterStateOptions } from '../src/state/redis-router-state.js';
import type { RouterState } from '../src/state/router-state.js';
import {
  freePort,
  sharedRedisUrl,
  startSilentServer,
  startThrowawayRedis,
  uniquePrefix,
} from './redis-test-servers.js';

// Redis trouble must never fail or stall routing: every call answers within the command timeout
// (plus scheduling slack) from local state, and the logger hears about it once, not per call.
const timeoutMs = 100;
// Generous: the machine running the tests may be very busy (the bound is what matters, not speed).
const slackMs = 1_000;
const cleanups: Array<() => Promise<void>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function contained(redis: Redis, overrides: Partial<RedisRouterStateOptions> = {}) {
  const warnings: string[] = [];
  const local = createMemoryRouterState();
  const state = createRedisRouterState({
    redis,
    prefix: uniquePrefix('containment'),
    local,
    commandTimeoutMs: timeoutMs,
    logger: { warn: (message) => warnings.push(message) },
    ...overrides,
  });
  cleanups.push(() => state.close());
  return { state, local, warnings };
}

async function timed<T>(call: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await call();
  return { value, ms: performance.now() - started };
}

/** Every operation once, checking each answers in time and from local state. */
async function exerciseEveryOperation(state: RouterState, round: number): Promise<number[]> {
  const id = `dep-${round}`;
  const durations: number[] = [];
  const check = async <T>(call: () => Promise<T>, expected?: T) => {
    const { value, ms } = await timed(call);
    durations.push(ms);
    if (expected !== undefined) expect(value).toEqual(expected);
  };
  await check(() => state.recordFailure(id, 0, 60_000), true);
  await check(() => state.coolingDown([id, `healthy-${round}`]), new Set([id]));
  await check(() => state.coolDown(`healthy-${round}`, 60_000));
  await check(() => state.startRequest(id));
  await check(() => state.inFlight([id]), new Map([[id, 1]]));
  await check(() => state.endRequest(id));
  await check(() => state.addUsage(id, 1, 42));
  await check(() => state.usage([id]), new Map([[id, { requests: 1, tokens: 42 }]]));
  await check(() => state.recordLatency(id, { latencyMs: 321 }));
  await check(() => state.latency([id]), new Map([[id, { latencyMs: 321 }]]));
  return durations;
}

describe('a client still making its first connection', () => {
  it('answers locally without counting failures, so a start-up burst opens no circuit', async () => {
    const redis = createRouterRedis({ redis_url: sharedRedisUrl })!;
    cleanups.push(() => closeRouterRedis(redis));
    const { state, warnings } = contained(redis, { failureThreshold: 1 });
    expect(redis.status).toBe('connecting');
    await state.coolDown('dep-early', 60_000);
    const early = await Promise.all(Array.from({ length: 10 }, () => state.coolingDown(['dep-early'])));
    expect(early).toEqual(Array.from({ length: 10 }, () => new Set(['dep-early'])));
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    // Shared from now on: the cooldown set before the connection only ever reached local state.
    expect(await state.coolingDown(['dep-early'])).toEqual(new Set());
    expect(warnings).toEqual([]);
  });
});

describe('Redis unreachable (connection refused)', () => {
  it('answers every call from local state within the bound and warns once', async () => {
    const redis = createRouterRedis({ redis_host: '127.0.0.1', redis_port: await freePort() })!;
    cleanups.push(() => closeRouterRedis(redis));
    const { state, warnings } = contained(redis, { retryAfterMs: 50 });
    // Past the first connection attempt: from now on failed calls count.
    await new Promise((resolve) => redis.once('reconnecting', resolve));
    const durations: number[] = [];
    for (let round = 0; round < 10; round += 1)
      durations.push(...(await exerciseEveryOperation(state, round)));
    expect(Math.max(...durations)).toBeLessThan(timeoutMs + slackMs);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/Redis is unavailable/);
  });
});

describe('Redis that accepts connections and never answers', () => {
  it('waits at most the command timeout per call, then not at all once the circuit is open; warns once', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    // No ready check and no client info: the client believes it is connected as soon as the TCP
    // connection is, so every command waits for an answer.
    const redis = new Redis({
      host: '127.0.0.1',
      port: silent.port,
      enableReadyCheck: false,
      disableClientInfo: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      commandTimeout: 1_000,
    });
    redis.on('error', () => {});
    cleanups.push(async () => redis.disconnect());
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    const { state, warnings } = contained(redis, { failureThreshold: 3, retryAfterMs: 60_000 });
    let sent = 0;
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (command, ...rest) => {
      sent += 1;
      return send(command, ...rest);
    };

    const first = await Promise.all([1, 2, 3].map((n) => timed(() => state.coolingDown([`dep-${n}`]))));
    for (const { ms } of first) {
      expect(ms).toBeGreaterThanOrEqual(timeoutMs - 5);
      expect(ms).toBeLessThan(timeoutMs + slackMs);
    }
    expect(sent).toBe(3);
    const durations = await exerciseEveryOperation(state, 1);
    // The circuit is open: nothing is sent to Redis, so nothing waits for it.
    expect(sent).toBe(3);
    expect(Math.max(...durations)).toBeLessThan(timeoutMs + slackMs);
    expect(warnings).toHaveLength(1);
  });

  it('probes again after retryAfterMs without warning again while Redis stays silent', async () => {
    const silent = await startSilentServer();
    cleanups.push(() => silent.close());
    const redis = new Redis({
      host: '127.0.0.1',
      port: silent.port,
      enableReadyCheck: false,
      disableClientInfo: true,
      enableOfflineQueue: false,
    });
    redis.on('error', () => {});
    cleanups.push(async () => redis.disconnect());
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    const { state, warnings } = contained(redis, { failureThreshold: 1, retryAfterMs: 50 });
    let tries = 0;
    const send = redis.sendCommand.bind(redis);
    redis.sendCommand = (command, ...rest) => {
      if (command.name === 'mget') tries += 1;
      return send(command, ...rest);
    };
    for (let round = 0; round < 4; round += 1) {
      const { ms } = await timed(() => state.coolingDown(['dep-a']));
      expect(ms).toBeLessThan(timeoutMs + slackMs);
      await new Promise((resolve) => setTimeout(resolve, 60));
    }
    // One try per round: the first call, then one probe each time the circuit half-opens.
    expect(tries).toBe(4);
    expect(warnings).toHaveLength(1);
  });
});

describe('Redis that goes away and comes back', () => {
  it('keeps answering from local state during the outage, then shares again, pushing its in-flight counts', async () => {
    const server = await startThrowawayRedis();
    cleanups.push(() => server.kill());
    const redis = createRouterRedis({ redis_url: server.url })!;
    cleanups.push(() => closeRouterRedis(redis));
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    const prefix = uniquePrefix('outage');
    const { state, warnings } = contained(redis, { prefix, retryAfterMs: 100, inFlightLeaseMs: 600 });
    // Another replica, to see what is shared.
    const observerRedis = new Redis(server.url, { maxRetriesPerRequest: null });
    observerRedis.on('error', () => {});
    cleanups.push(async () => observerRedis.disconnect());
    const observer = createRedisRouterState({
      redis: observerRedis,
      prefix,
      local: createMemoryRouterState(),
      commandTimeoutMs: 2_000,
    });
    cleanups.push(() => observer.close());

    await state.coolDown('dep-before', 60_000);
    expect(await observer.coolingDown(['dep-before'])).toEqual(new Set(['dep-before']));

    await server.kill();
    const during = await Promise.all([
      timed(() => state.coolDown('dep-during', 60_000)),
      timed(() => state.startRequest('dep-streaming')),
    ]);
    const read = await timed(() => state.coolingDown(['dep-before', 'dep-during', 'dep-other']));
    // Local state knows what happened before the outage (it mirrors every write) and during it.
    expect(read.value).toEqual(new Set(['dep-before', 'dep-during']));
    for (const { ms } of [...during, read]) expect(ms).toBeLessThan(timeoutMs + slackMs);
    await expect.poll(() => warnings.length, { timeout: 2_000 }).toBe(1);

    await server.start();
    // The in-flight heartbeat probes Redis on its own; when it answers, the circuit closes and the
    // request still in flight is pushed to the (empty, restarted) Redis.
    await expect.poll(() => warnings.length, { timeout: 10_000, interval: 50 }).toBe(2);
    expect(warnings[1]).toMatch(/answers again/);
    await expect
      .poll(async () => (await observer.inFlight(['dep-streaming'])).get('dep-streaming'), { timeout: 5_000 })
      .toBe(1);
    await state.coolDown('dep-after', 60_000);
    expect(await observer.coolingDown(['dep-after', 'dep-during'])).toEqual(new Set(['dep-after']));
  });
});
