import { escapeKeyPart } from '@switchyard/router';
import { describe, expect, it } from 'vitest';
import {
  type EntityUsage,
  findDenial,
  noUsage,
  rateLimitSnapshot,
  secondsLeftInMinute,
} from './limit-rules.js';
import { entity } from './test-utils/limiter-fixtures.js';

const usage = (fields: Partial<EntityUsage>): EntityUsage => ({ ...noUsage, ...fields });

describe('findDenial', () => {
  it('names budgets before rate limits, then rpm, tpm and parallel per entity in order', () => {
    const key = entity({ rpmLimit: 1, tpmLimit: 10, maxParallelRequests: 1 });
    const team = entity({ scope: 'team', maxBudget: 1 });
    const full = usage({ requests: 1, tokens: 10, inFlight: 1 });
    expect(findDenial([key, team], [full, usage({ spend: 1 })])).toEqual({ kind: 'budget', index: 1 });
    expect(findDenial([key, team], [full, noUsage])).toEqual({ kind: 'rpm', index: 0 });
    expect(findDenial([key], [usage({ tokens: 4, inFlightTokens: 6, inFlight: 1 })])).toEqual({
      kind: 'tpm',
      index: 0,
    });
    expect(findDenial([key], [usage({ tokens: 9, inFlight: 1 })])).toEqual({ kind: 'parallel', index: 0 });
    expect(findDenial([key], [usage({ tokens: 9 })])).toBeUndefined();
  });

  it('admits a budget of k × c for k requests at c despite rounding, and no more', () => {
    const cost = 0.1;
    const team = entity({ maxBudget: 3 * cost });
    // 0.1 + 0.1 = 0.2, and 0.2 + 0.1 = 0.30000000000000004 > 0.3 without the tolerance.
    expect(findDenial([team], [usage({ inFlightCost: cost + cost })])).toBeUndefined();
    expect(findDenial([team], [usage({ inFlightCost: cost + cost + cost })])?.kind).toBe('budget');
    expect(findDenial([team], [usage({ spend: 0.30000000000000004 })])?.kind).toBe('budget');
    expect(findDenial([entity({ maxBudget: 0 })], [noUsage])?.kind).toBe('budget');
  });
});

describe('rateLimitSnapshot', () => {
  it('reports the rpm and tpm windows with the least room left, each on its own', () => {
    const key = entity({ rpmLimit: 100, tpmLimit: 1_000 });
    const user = entity({ rpmLimit: 10, tpmLimit: 100_000 });
    const now = 1_000 * 60_000 + 15_500;
    expect(
      rateLimitSnapshot([key, user], [usage({ requests: 5, tokens: 300 }), usage({ requests: 5 })], now, 50),
    ).toEqual({
      limitRequests: 10,
      remainingRequests: 4,
      limitTokens: 1_000,
      remainingTokens: 650,
      resetSeconds: 45,
    });
    expect(rateLimitSnapshot([key], [usage({ requests: 100, tokens: 2_000 })], now)).toEqual({
      limitRequests: 100,
      remainingRequests: 0,
      limitTokens: 1_000,
      remainingTokens: 0,
      resetSeconds: 45,
    });
  });

  it('counts whole seconds to the end of the minute, 1 to 60', () => {
    expect(secondsLeftInMinute(60_000)).toBe(60);
    expect(secondsLeftInMinute(119_999)).toBe(1);
    expect(secondsLeftInMinute(61_001)).toBe(59);
  });
});

describe('escapeKeyPart', () => {
  it('keeps safe ids readable and escapes everything else injectively', () => {
    expect(escapeKeyPart('team-1.a_b/c')).toBe('team-1.a_b/c');
    expect(escapeKeyPart('a:b')).toBe('a%003ab');
    expect(escapeKeyPart('a%003ab')).toBe('a%0025003ab');
    expect(escapeKeyPart('é 💡')).toBe('%00e9%0020%d83d%dca1');
  });

  it('hashes ids longer than 128 characters once escaped', () => {
    const long = escapeKeyPart(':'.repeat(30));
    expect(long).toMatch(/^#[0-9a-f]{64}$/);
    expect(escapeKeyPart(':'.repeat(31))).not.toBe(long);
    expect(escapeKeyPart('x'.repeat(128))).toBe('x'.repeat(128));
  });
});
