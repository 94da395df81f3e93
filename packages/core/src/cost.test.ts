import { calcPrice } from '@pydantic/genai-prices';
import { describe, expect, it } from 'vitest';
import { type CostResult, type CostUsage, cost } from './cost.js';
import type { ModelPrices } from './model-table.js';

function usage(
  prompt: number,
  completion: number,
  details: { cached?: number; creation?: number; reasoning?: number } = {},
): CostUsage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: {
      cached_tokens: details.cached ?? 0,
      cache_creation_tokens: details.creation ?? 0,
    },
    completion_tokens_details: { reasoning_tokens: details.reasoning ?? 0 },
  };
}

function knownTotal(result: CostResult): number {
  if (!result.known) throw new Error(result.reason);
  return result.total;
}

/** A fixture deployment priced only by its config overrides (not in the table). */
const fixturePrices: Partial<ModelPrices> = {
  input_cost_per_token: 1e-6,
  output_cost_per_token: 2e-6,
  cache_read_input_token_cost: 1e-7,
  cache_creation_input_token_cost: 1.25e-6,
  output_cost_per_reasoning_token: 3e-6,
};

describe('cost arithmetic (fixture prices, checked by hand)', () => {
  it('splits prompt into uncached, cached and cache-creation, and completion into text and reasoning', () => {
    const result = cost(usage(1000, 500, { cached: 200, creation: 100, reasoning: 300 }), 'fixture-model', {
      prices: fixturePrices,
    });
    // 700 x 1e-6 + 200 x 1e-7 + 100 x 1.25e-6 + 200 x 2e-6 + 300 x 3e-6
    expect(result).toEqual({
      known: true,
      input: 0.0007,
      cachedInput: 0.00002,
      cacheCreation: 0.000125,
      output: 0.0004,
      reasoning: 0.0009,
      total: 0.002145,
      currency: 'USD',
    });
  });

  it('has no float noise (1234 x 1.35e-7 is exactly 0.00016659)', () => {
    expect(1234 * 1.35e-7).not.toBe(0.00016659);
    const result = cost(usage(1234, 0), 'fixture-model', { prices: { input_cost_per_token: 1.35e-7 } });
    expect(knownTotal(result)).toBe(0.00016659);
  });

  it('bills reasoning at the output price when there is no reasoning price', () => {
    const { output_cost_per_reasoning_token: _, ...prices } = fixturePrices;
    const result = cost(usage(0, 100, { reasoning: 40 }), 'fixture-model', { prices });
    expect(result).toMatchObject({ known: true, output: 0.00012, reasoning: 0.00008, total: 0.0002 });
  });

  it('bills cached tokens at the input price when the model has no cache prices at all', () => {
    const prices = { input_cost_per_token: 1e-6, output_cost_per_token: 2e-6 };
    const result = cost(usage(1000, 0, { cached: 400, creation: 100 }), 'fixture-model', { prices });
    expect(result).toMatchObject({ known: true, input: 0.0005, cachedInput: 0.0004, cacheCreation: 0.0001 });
  });

  it('flags cached tokens when the model lists a cache-write price but no cache-read price', () => {
    const prices = { input_cost_per_token: 1e-6, cache_creation_input_token_cost: 1.25e-6 };
    const result = cost(usage(1000, 0, { cached: 400 }), 'fixture-model', { prices });
    expect(result).toEqual({ known: false, reason: expect.stringContaining('cache_read_input_token_cost') });
  });

  it('flags a missing price for tokens the usage has, but needs no price for zero tokens', () => {
    const prices = { input_cost_per_token: 1e-6 };
    expect(cost(usage(10, 5), 'fixture-model', { prices })).toEqual({
      known: false,
      reason: expect.stringContaining('output_cost_per_token'),
    });
    expect(knownTotal(cost(usage(10, 0), 'fixture-model', { prices }))).toBe(0.00001);
  });

  it('flags usage whose details exceed the totals that must include them', () => {
    const prices = fixturePrices;
    expect(cost(usage(100, 0, { cached: 80, creation: 30 }), 'fixture-model', { prices }).known).toBe(false);
    expect(cost(usage(0, 10, { reasoning: 11 }), 'fixture-model', { prices }).known).toBe(false);
    expect(cost(usage(-1, 0), 'fixture-model', { prices }).known).toBe(false);
    expect(cost(usage(1.5, 0), 'fixture-model', { prices }).known).toBe(false);
  });

  it('accepts usage without details (null or absent)', () => {
    const plain = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    expect(knownTotal(cost(plain, 'fixture-model', { prices: fixturePrices }))).toBe(0.00002);
    const nulls = { ...plain, prompt_tokens_details: null, completion_tokens_details: null };
    expect(knownTotal(cost(nulls, 'fixture-model', { prices: fixturePrices }))).toBe(0.00002);
  });
});

describe('cost with the shipped table', () => {
  it('prices openai/gpt-4o with cached tokens as genai-prices does', () => {
    const result = cost(usage(1000, 100, { cached: 400 }), 'gpt-4o');
    // 600 x $2.50/M + 400 x $1.25/M + 100 x $10/M
    expect(result).toMatchObject({
      known: true,
      input: 0.0015,
      cachedInput: 0.0005,
      output: 0.001,
      total: 0.003,
    });
    const reference = calcPrice(
      { input_tokens: 1000, cache_read_tokens: 400, output_tokens: 100 },
      'gpt-4o',
      {
        providerId: 'openai',
      },
    );
    expect(knownTotal(result)).toBeCloseTo(reference?.total_price ?? Number.NaN, 12);
  });

  it('prices Anthropic cache writes and reads as genai-prices does', () => {
    const result = cost(
      usage(10_000, 500, { cached: 2000, creation: 3000, reasoning: 200 }),
      'claude-sonnet-4-5',
      {
        provider: 'anthropic',
      },
    );
    const reference = calcPrice(
      { input_tokens: 10_000, cache_read_tokens: 2000, cache_write_tokens: 3000, output_tokens: 500 },
      'claude-sonnet-4-5',
      { providerId: 'anthropic' },
    );
    expect(result).toMatchObject({
      known: true,
      cachedInput: 0.0006,
      cacheCreation: 0.01125,
      total: 0.03435,
    });
    expect(knownTotal(result)).toBeCloseTo(reference?.total_price ?? Number.NaN, 12);
  });

  it('applies the long-context tier to the whole request once the prompt exceeds it', () => {
    const below = cost(usage(200_000, 1000), 'gemini/gemini-2.5-pro');
    expect(below).toMatchObject({ known: true, input: 0.25, output: 0.01 });
    const above = cost(usage(250_000, 1000, { cached: 50_000 }), 'gemini/gemini-2.5-pro');
    expect(above).toMatchObject({
      known: true,
      input: 0.5,
      cachedInput: 0.0125,
      output: 0.015,
      total: 0.5275,
    });
    const reference = calcPrice(
      { input_tokens: 250_000, cache_read_tokens: 50_000, output_tokens: 1000 },
      'gemini-2.5-pro',
      {
        providerId: 'google',
      },
    );
    expect(knownTotal(above)).toBeCloseTo(reference?.total_price ?? Number.NaN, 12);
  });

  it('uses the provider option for the lookup', () => {
    expect(cost(usage(1000, 0), 'gpt-4o', { provider: 'azure' })).toMatchObject({
      known: true,
      input: 0.0025,
    });
    expect(cost(usage(1000, 0), 'my-deployment', { provider: 'azure' }).known).toBe(false);
  });

  it('reports an unknown model as unknown, with a reason', () => {
    const result = cost(usage(10, 10), 'no-such-model');
    expect(result).toEqual({ known: false, reason: expect.stringContaining('"no-such-model"') });
    expect(cost(usage(0, 0), 'no-such-model').known).toBe(false);
  });

  it('reports a listed model without prices as unknown (never as free)', () => {
    expect(cost(usage(10, 10), 'vercel_ai_gateway/xai/grok-4')).toEqual({
      known: false,
      reason: expect.stringContaining('input_cost_per_token'),
    });
  });

  it('lets deployment overrides win over the table, field by field', () => {
    const result = cost(usage(1000, 100), 'openai/gpt-4o', { prices: { input_cost_per_token: 1e-6 } });
    expect(result).toMatchObject({ known: true, input: 0.001, output: 0.001, total: 0.002 });
  });

  it('drops the table tiers when an override changes a base price (and keeps override tiers)', () => {
    const overridden = cost(usage(250_000, 0), 'gemini/gemini-2.5-pro', {
      prices: { input_cost_per_token: 1e-6 },
    });
    expect(overridden).toMatchObject({ known: true, input: 0.25 });
    const tiers = [{ above_input_tokens: 100_000, input_cost_per_token: 2e-6 }];
    const withTiers = cost(usage(250_000, 0), 'gemini/gemini-2.5-pro', {
      prices: { input_cost_per_token: 1e-6, tiers },
    });
    expect(withTiers).toMatchObject({ known: true, input: 0.5 });
  });
});
