import type { ModelDeployment } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { leastBusy } from './least-busy.js';
import { lowestCost } from './lowest-cost.js';
import { lowestLatency } from './lowest-latency.js';
import type { Candidate, PickContext } from './routing-strategy.js';
import { simpleShuffle, weightsOf } from './simple-shuffle.js';
import { usageBased } from './usage-based.js';

const candidate = (id: string, extra: Partial<ModelDeployment> = {}): Candidate => ({
  id,
  resolved: { deployment: { modelName: 'g', provider: 'openai', model: id, id, ...extra }, model: id },
});

/** A deterministic sequence standing in for Math.random. */
function sequence(...values: number[]) {
  let index = 0;
  return () => values[index++ % values.length]!;
}

const context = (overrides: Partial<PickContext> = {}): PickContext => ({
  stream: false,
  random: () => 0,
  estimatedTokens: 0,
  inFlight: new Map(),
  latency: new Map(),
  usage: new Map(),
  ...overrides,
});

describe('simple-shuffle', () => {
  it('weighs by weight, else rpm, else tpm, else evenly', () => {
    expect(weightsOf([candidate('a', { weight: 3 }), candidate('b')])).toEqual([3, 1]);
    expect(weightsOf([candidate('a', { rpm: 900 }), candidate('b', { rpm: 100 }), candidate('c')])).toEqual([
      900, 100, 500,
    ]);
    expect(weightsOf([candidate('a', { tpm: 10 }), candidate('b', { tpm: 30 })])).toEqual([10, 30]);
    expect(weightsOf([candidate('a'), candidate('b')])).toEqual([1, 1]);
  });

  it('picks in proportion to the weights', () => {
    const pool = [candidate('a', { weight: 3 }), candidate('b', { weight: 1 })];
    const pick = (random: number) => simpleShuffle.pick(pool, context({ random: () => random })).id;
    expect([0, 0.5, 0.74, 0.76, 0.99].map(pick)).toEqual(['a', 'a', 'a', 'b', 'b']);
  });
});

describe('least-busy', () => {
  it('picks the deployment with the fewest requests in flight, ties at random', () => {
    const pool = [candidate('a'), candidate('b'), candidate('c')];
    const inFlight = new Map([
      ['a', 3],
      ['b', 1],
      ['c', 1],
    ]);
    expect(leastBusy.pick(pool, context({ inFlight, random: () => 0 })).id).toBe('b');
    expect(leastBusy.pick(pool, context({ inFlight, random: () => 0.9 })).id).toBe('c');
  });
});

describe('latency-based-routing', () => {
  const pool = [candidate('fast'), candidate('near'), candidate('slow')];
  const latency = new Map([
    ['fast', { latencyMs: 100, ttftMs: 400 }],
    ['near', { latencyMs: 109, ttftMs: 100 }],
    ['slow', { latencyMs: 300, ttftMs: 900 }],
  ]);

  it('picks the fastest, sharing with those within the buffer', () => {
    expect(lowestLatency(0).pick(pool, context({ latency, random: sequence(0.99) })).id).toBe('fast');
    const buffered = lowestLatency(0.1);
    const picks = [0, 0.99].map(
      (random) => buffered.pick(pool, context({ latency, random: () => random })).id,
    );
    expect(picks).toEqual(['fast', 'near']);
  });

  it('uses time to first token for streams', () => {
    expect(lowestLatency(0).pick(pool, context({ latency, stream: true })).id).toBe('near');
  });

  it('tries an unmeasured deployment first', () => {
    expect(lowestLatency(0).pick([...pool, candidate('new')], context({ latency })).id).toBe('new');
  });
});

describe('usage-based-routing', () => {
  const pool = [candidate('a', { rpm: 10, tpm: 1_000 }), candidate('b', { tpm: 5_000 })];

  it('keeps only deployments under their rpm and tpm with this request', () => {
    const usage = new Map([
      ['a', { requests: 10, tokens: 10 }],
      ['b', { requests: 1, tokens: 4_990 }],
    ]);
    expect(usageBased.eligible!(pool, context({ usage, estimatedTokens: 5 })).map((c) => c.id)).toEqual([
      'b',
    ]);
    expect(usageBased.eligible!(pool, context({ usage, estimatedTokens: 50 }))).toEqual([]);
  });

  it('picks the one with the fewest tokens used this minute', () => {
    const usage = new Map([
      ['a', { requests: 1, tokens: 800 }],
      ['b', { requests: 5, tokens: 200 }],
    ]);
    expect(usageBased.pick(pool, context({ usage })).id).toBe('b');
  });
});

describe('cost-based-routing', () => {
  it('picks the cheapest by model_info prices, then the price table, unknown prices last', () => {
    const strategy = lowestCost();
    const own = candidate('own', { modelInfo: { input_cost_per_token: 1e-8, output_cost_per_token: 1e-8 } });
    const table = candidate('gpt-4o');
    const unknown = candidate('no-such-model-anywhere');
    expect(strategy.pick([unknown, table, own], context()).id).toBe('own');
    expect(strategy.pick([unknown, table], context()).id).toBe('gpt-4o');
  });
});
