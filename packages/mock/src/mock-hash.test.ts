import { describe, expect, it } from 'vitest';
import { hashHex, seededRandom } from './mock-hash.js';

describe('hashHex', () => {
  it('is stable, hexadecimal and cut to the length asked for', () => {
    expect(hashHex('hello')).toBe(hashHex('hello'));
    expect(hashHex('hello')).toMatch(/^[0-9a-f]{24}$/);
    expect(hashHex('hello', 8)).toHaveLength(8);
    expect(hashHex('hello')).not.toBe(hashHex('hello!'));
  });
});

describe('seededRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    const take = (seed: string) => {
      const random = seededRandom(seed);
      return Array.from({ length: 5 }, () => random());
    };
    expect(take('a')).toEqual(take('a'));
    expect(take('a')).not.toEqual(take('b'));
  });

  it('stays in [0, 1) and spreads over the range', () => {
    const random = seededRandom('spread');
    const values = Array.from({ length: 2000 }, () => random());
    expect(values.every((value) => value >= 0 && value < 1)).toBe(true);
    const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean).toBeGreaterThan(0.45);
    expect(mean).toBeLessThan(0.55);
  });
});
