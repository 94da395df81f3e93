import { describe, expect, it } from 'vitest';
import { createMemoryRouterState } from './memory-router-state.js';

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('createMemoryRouterState', () => {
  it('cools a deployment down once its failures in a minute exceed the allowance', async () => {
    const time = clock();
    const state = createMemoryRouterState({ now: time.now });
    expect(await state.recordFailure('a', 2, 5_000)).toBe(false);
    expect(await state.recordFailure('a', 2, 5_000)).toBe(false);
    expect(await state.coolingDown(['a', 'b'])).toEqual(new Set());
    expect(await state.recordFailure('a', 2, 5_000)).toBe(true);
    expect(await state.coolingDown(['a', 'b'])).toEqual(new Set(['a']));
    time.advance(5_001);
    expect(await state.coolingDown(['a'])).toEqual(new Set());
  });

  it('counts failures per minute window', async () => {
    const time = clock(0);
    const state = createMemoryRouterState({ now: time.now });
    await state.recordFailure('a', 1, 1_000);
    time.advance(60_000);
    expect(await state.recordFailure('a', 1, 1_000)).toBe(false);
  });

  it('keeps in-flight counts, usage per minute and latency averages', async () => {
    const time = clock(0);
    const state = createMemoryRouterState({ now: time.now, latencyWeight: 0.5 });
    await state.startRequest('a');
    await state.startRequest('a');
    await state.endRequest('a');
    await state.endRequest('b');
    expect(await state.inFlight(['a', 'b'])).toEqual(
      new Map([
        ['a', 1],
        ['b', 0],
      ]),
    );
    await state.addUsage('a', 1, 100);
    await state.addUsage('a', 0, 50);
    expect((await state.usage(['a'])).get('a')).toEqual({ requests: 1, tokens: 150 });
    time.advance(60_000);
    expect((await state.usage(['a'])).get('a')).toEqual({ requests: 0, tokens: 0 });
    await state.recordLatency('a', { latencyMs: 100 });
    await state.recordLatency('a', { latencyMs: 200, ttftMs: 40 });
    expect((await state.latency(['a', 'b'])).get('a')).toEqual({ latencyMs: 150, ttftMs: 40 });
    expect((await state.latency(['b'])).has('b')).toBe(false);
  });

  it('forgets the least recently touched deployments beyond its bound, never one in flight', async () => {
    const state = createMemoryRouterState({ maxDeployments: 2 });
    await state.startRequest('busy');
    await state.coolDown('x', 60_000);
    await state.coolDown('y', 60_000);
    expect(await state.inFlight(['busy'])).toEqual(new Map([['busy', 1]]));
    expect(await state.coolingDown(['x', 'y'])).toEqual(new Set(['y']));
  });
});
