import type { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryRouterState } from '../src/state/memory-router-state.js';
import { createRedisRouterState, type RedisRouterStateOptions } from '../src/state/redis-router-state.js';
import type { RouterState } from '../src/state/router-state.js';
import { deleteKeysUnder, keysUnder, sharedRedis, uniquePrefix } from './redis-test-servers.js';

// Against the real Redis at 127.0.0.1:6379; every key lives under a prefix unique to this run.
const prefix = uniquePrefix('router-state');
const clients: Redis[] = [];
const states: RouterState[] = [];
let admin: Redis;

/** A fake clock for the minute windows (TTLs and leases run on Redis time). */
function clock(start = Date.UTC(2030, 0, 1, 12, 0, 10)) {
  const time = { ms: start, now: () => time.ms };
  return time;
}

/** A state with its own client, as one proxy replica would have. */
function replica(overrides: Partial<RedisRouterStateOptions> = {}): RouterState {
  const redis = sharedRedis();
  clients.push(redis);
  // A generous bound: these tests are about sharing, not about a loaded machine's slow moments
  // (a call over the bound answers from local state, which is tested in redis-containment).
  const state = createRedisRouterState({
    redis,
    prefix,
    local: createMemoryRouterState({ now: overrides.now }),
    commandTimeoutMs: 2_000,
    ...overrides,
  });
  states.push(state);
  return state;
}

beforeAll(() => {
  admin = sharedRedis();
});

afterEach(async () => {
  await Promise.all(states.splice(0).map((state) => state.close()));
  await Promise.all(clients.splice(0).map((client) => client.quit()));
});

afterAll(async () => {
  await deleteKeysUnder(admin, prefix);
  expect(await keysUnder(admin, prefix)).toEqual([]);
  await admin.quit();
});

describe('cooldowns', () => {
  it('starts exactly one cooldown when 50 failures arrive at once from two replicas', async () => {
    const time = clock();
    const a = replica({ now: time.now });
    const b = replica({ now: time.now });
    const started = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        (index % 2 === 0 ? a : b).recordFailure('dep-burst', 3, 30_000),
      ),
    );
    expect(started.filter(Boolean)).toHaveLength(1);
    expect(await b.coolingDown(['dep-burst', 'dep-other'])).toEqual(new Set(['dep-burst']));
    const ttl = await admin.pttl(`${prefix}:cooldown:dep-burst`);
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(30_000);
  });

  it('cools down after more than allowedFails failures in a minute, not at allowedFails', async () => {
    const time = clock();
    const a = replica({ now: time.now });
    const b = replica({ now: time.now });
    expect(await a.recordFailure('dep-count', 2, 10_000)).toBe(false);
    expect(await b.recordFailure('dep-count', 2, 10_000)).toBe(false);
    expect(await a.coolingDown(['dep-count'])).toEqual(new Set());
    expect(await b.recordFailure('dep-count', 2, 10_000)).toBe(true);
    expect(await a.coolingDown(['dep-count'])).toEqual(new Set(['dep-count']));
  });

  it('counts failures per minute window: the next minute starts from zero, and windows expire', async () => {
    const time = clock();
    const a = replica({ now: time.now });
    await a.recordFailure('dep-window', 2, 10_000);
    await a.recordFailure('dep-window', 2, 10_000);
    time.ms += 60_000;
    expect(await a.recordFailure('dep-window', 2, 10_000)).toBe(false);
    expect(await a.coolingDown(['dep-window'])).toEqual(new Set());
    const windowKeys = await keysUnder(admin, `${prefix}:failures:dep-window`);
    expect(windowKeys).toHaveLength(2);
    for (const key of windowKeys) {
      const ttl = await admin.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(120_000);
    }
  });

  it('ends cooldowns when they expire', async () => {
    const a = replica();
    const b = replica();
    await a.coolDown('dep-short', 150);
    expect(await b.coolingDown(['dep-short'])).toEqual(new Set(['dep-short']));
    await expect
      .poll(() => b.coolingDown(['dep-short']), { timeout: 2_000, interval: 50 })
      .toEqual(new Set());
  });

  it('never shortens a longer cooldown already running', async () => {
    const a = replica();
    const b = replica();
    await a.coolDown('dep-long', 60_000);
    await b.coolDown('dep-long', 100);
    expect(await admin.pttl(`${prefix}:cooldown:dep-long`)).toBeGreaterThan(50_000);
    await b.coolDown('dep-long', 120_000);
    expect(await admin.pttl(`${prefix}:cooldown:dep-long`)).toBeGreaterThan(100_000);
  });

  it('takes odd numbers without a Redis error (which would count against Redis itself)', async () => {
    const warnings: string[] = [];
    const a = replica({ failureThreshold: 1, logger: { warn: (message) => warnings.push(message) } });
    const b = replica();
    await a.coolDown('dep-odd-forever', Number.POSITIVE_INFINITY);
    await a.coolDown('dep-odd-none', Number.NaN);
    await a.coolDown('dep-odd-fraction', 0.4);
    expect(await a.recordFailure('dep-odd-never', Number.POSITIVE_INFINITY, 1_000)).toBe(false);
    expect(await a.recordFailure('dep-odd-nan', Number.NaN, 1_000)).toBe(true);
    expect(await a.recordFailure('dep-odd-zero', 0, -5)).toBe(false);
    expect(warnings).toEqual([]);
    expect(await b.coolingDown(['dep-odd-forever', 'dep-odd-none', 'dep-odd-never', 'dep-odd-nan'])).toEqual(
      new Set(['dep-odd-forever', 'dep-odd-nan']),
    );
  });

  it('takes an answer that arrived while the process was stalled past the command timeout', async () => {
    const a = replica({ commandTimeoutMs: 50 });
    const b = replica();
    await b.coolDown('dep-stall', 60_000);
    await a.coolingDown(['dep-connected']);
    const answer = a.coolingDown(['dep-stall']);
    // Block the event loop well past the timeout; Redis (another process) answers meanwhile.
    const until = performance.now() + 1_000;
    while (performance.now() < until) {}
    // Only Redis knows this cooldown (b set it): local state would answer an empty set.
    expect(await answer).toEqual(new Set(['dep-stall']));
  });

  it('reads the cooldowns of a whole group in one round trip', async () => {
    const redis = sharedRedis();
    clients.push(redis);
    const state = createRedisRouterState({ redis, prefix, commandTimeoutMs: 2_000 });
    states.push(state);
    await state.coolDown('dep-g2', 10_000);
    const sent: string[] = [];
    const original = redis.sendCommand.bind(redis);
    redis.sendCommand = (command, ...rest) => {
      sent.push(command.name);
      return original(command, ...rest);
    };
    const ids = Array.from({ length: 20 }, (_, index) => `dep-g${index}`);
    expect(await state.coolingDown(ids)).toEqual(new Set(['dep-g2']));
    expect(sent).toEqual(['mget']);
  });
});

describe('in-flight counts', () => {
  it('are shared: each replica sees the requests the others have in flight', async () => {
    const a = replica();
    const b = replica();
    await Promise.all([a.startRequest('dep-busy'), a.startRequest('dep-busy'), b.startRequest('dep-busy')]);
    await b.startRequest('dep-idle');
    await b.endRequest('dep-idle');
    expect(await a.inFlight(['dep-busy', 'dep-idle', 'dep-none'])).toEqual(
      new Map([
        ['dep-busy', 3],
        ['dep-idle', 0],
        ['dep-none', 0],
      ]),
    );
    await a.endRequest('dep-busy');
    expect((await b.inFlight(['dep-busy'])).get('dep-busy')).toBe(2);
  });

  it('never go below zero when an end comes without a start', async () => {
    const a = replica();
    const b = replica();
    await b.startRequest('dep-extra-end');
    await a.endRequest('dep-extra-end');
    expect((await a.inFlight(['dep-extra-end'])).get('dep-extra-end')).toBe(1);
  });

  it('of a closed replica stop counting', async () => {
    const a = replica();
    const b = replica();
    await a.startRequest('dep-closing');
    await b.startRequest('dep-closing');
    await a.close();
    expect((await b.inFlight(['dep-closing'])).get('dep-closing')).toBe(1);
  });

  it('of a process that died mid-request disappear after the lease; a live one keeps its count', async () => {
    const dying = sharedRedis();
    const dead = createRedisRouterState({
      redis: dying,
      prefix,
      commandTimeoutMs: 2_000,
      inFlightLeaseMs: 300,
    });
    const alive = replica({ inFlightLeaseMs: 2_000 });
    await dead.startRequest('dep-lease');
    await alive.startRequest('dep-lease');
    expect((await alive.inFlight(['dep-lease'])).get('dep-lease')).toBe(2);
    // The process "dies": its connection is gone and nothing refreshes its lease any more.
    dying.disconnect();
    await expect
      .poll(async () => (await alive.inFlight(['dep-lease'])).get('dep-lease'), {
        timeout: 5_000,
        interval: 100,
      })
      .toBe(1);
    // The live replica's lease is refreshed (every third of it): it still counts after 1.5 leases.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect((await alive.inFlight(['dep-lease'])).get('dep-lease')).toBe(1);
    await dead.close();
  });
});

describe('usage per minute', () => {
  it('adds up requests and tokens from every replica in the current minute, and restarts each minute', async () => {
    const time = clock();
    const a = replica({ now: time.now });
    const b = replica({ now: time.now });
    await a.addUsage('dep-usage', 1, 120);
    await b.addUsage('dep-usage', 1, 30);
    await b.addUsage('dep-usage', 0, 50.4);
    expect(await a.usage(['dep-usage', 'dep-unused'])).toEqual(
      new Map([
        ['dep-usage', { requests: 2, tokens: 200 }],
        ['dep-unused', { requests: 0, tokens: 0 }],
      ]),
    );
    for (const key of await keysUnder(admin, `${prefix}:requests:dep-usage`)) {
      const ttl = await admin.pttl(key);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(120_000);
    }
    time.ms += 60_000;
    expect((await b.usage(['dep-usage'])).get('dep-usage')).toEqual({ requests: 0, tokens: 0 });
  });
});

describe('latency', () => {
  it('keeps a shared moving average of latency and time to first token', async () => {
    const a = replica({ latencyWeight: 0.5 });
    const b = replica({ latencyWeight: 0.5 });
    await a.recordLatency('dep-fast', { latencyMs: 100 });
    await b.recordLatency('dep-fast', { latencyMs: 200, ttftMs: 40 });
    await a.recordLatency('dep-fast', { ttftMs: 80 });
    expect(await b.latency(['dep-fast', 'dep-unknown'])).toEqual(
      new Map([['dep-fast', { latencyMs: 150, ttftMs: 60 }]]),
    );
    expect(await admin.pttl(`${prefix}:latency:dep-fast`)).toBeGreaterThan(3_000_000);
  });

  it('ignores samples that are not finite non-negative numbers', async () => {
    const a = replica();
    await a.recordLatency('dep-odd', { latencyMs: Number.NaN, ttftMs: -5 });
    await a.recordLatency('dep-odd', { latencyMs: Number.POSITIVE_INFINITY });
    expect(await a.latency(['dep-odd'])).toEqual(new Map());
  });
});

describe('keys', () => {
  it('keep every id apart, whatever it contains, and stay under the prefix', async () => {
    const ids = ['a:b', 'a', 'a%3Ab', '{tag}', 'ünïcödé', 'x'.repeat(500), `${'x'.repeat(500)}y`, ''];
    const a = replica();
    const b = replica();
    await Promise.all(ids.map((id, index) => a.addUsage(id, index + 1, 0)));
    const usage = await b.usage(ids);
    expect(ids.map((id) => usage.get(id)?.requests)).toEqual(ids.map((_, index) => index + 1));
    await a.coolDown('a:b', 10_000);
    expect(await b.coolingDown(ids)).toEqual(new Set(['a:b']));
    const keys = await keysUnder(admin, prefix);
    expect(keys.every((key) => key.startsWith(`${prefix}:`) && key.length < prefix.length + 200)).toBe(true);
  });
});
