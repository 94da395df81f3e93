import { describe, expect, it } from 'vitest';
import { backoffDelay } from './backoff.js';

const base = { minDelayMs: 0, maxRetryAfterMs: 60_000 };

describe('backoffDelay', () => {
  it('honours a sane retry-after, never below the minimum', () => {
    expect(backoffDelay({ ...base, retry: 0, retryAfterMs: 1_500, random: () => 0.5 })).toBe(1_500);
    expect(backoffDelay({ ...base, retry: 3, retryAfterMs: 0, random: () => 0.5 })).toBe(0);
    expect(backoffDelay({ ...base, minDelayMs: 2_000, retry: 0, retryAfterMs: 100, random: () => 0 })).toBe(
      2_000,
    );
  });

  it('falls back to exponential backoff when retry-after is beyond the bound', () => {
    expect(backoffDelay({ ...base, retry: 0, retryAfterMs: 120_000, random: () => 0 })).toBe(500);
  });

  it('doubles per retry up to the cap, with up to 25% jitter taken off', () => {
    const at = (retry: number, random: number) => backoffDelay({ ...base, retry, random: () => random });
    expect([0, 1, 2, 3].map((retry) => at(retry, 0))).toEqual([500, 1_000, 2_000, 4_000]);
    expect(at(10, 0)).toBe(8_000);
    expect(at(1, 0.999)).toBeGreaterThanOrEqual(750);
    expect(at(1, 0.999)).toBeLessThan(1_000);
  });
});
