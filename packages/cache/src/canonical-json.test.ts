import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from './canonical-json.js';
import { randomJson, seededRandom, shuffleKeys } from './test-utils/random-json.js';

describe('canonicalJson', () => {
  it('sorts keys at every depth and writes what JSON.stringify writes otherwise', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { f: 1, e: 2 }], c: 'x' } })).toBe(
      '{"a":{"c":"x","d":[3,{"e":2,"f":1}]},"b":1}',
    );
    expect(canonicalJson({ a: undefined, b: [undefined, null] })).toBe('{"b":[null,null]}');
    expect(canonicalJson('q"\n')).toBe(JSON.stringify('q"\n'));
  });

  it('gives equal values the same text whatever their key order (property)', () => {
    const random = seededRandom(20_261_125);
    for (let run = 0; run < 2_000; run += 1) {
      const value = randomJson(random);
      const text = canonicalJson(value);
      expect(canonicalJson(shuffleKeys(value, random))).toBe(text);
      // Reading the text back gives the value: the text is a faithful encoding.
      expect(JSON.parse(text)).toEqual(value);
    }
  });

  it('gives different values different texts (property)', () => {
    const random = seededRandom(7);
    const seen = new Map<string, unknown>();
    for (let run = 0; run < 5_000; run += 1) {
      const value = randomJson(random);
      const text = canonicalJson(value);
      // Two values sharing a text must be the same value.
      if (seen.has(text)) expect(isDeepStrictEqual(seen.get(text), value)).toBe(true);
      seen.set(text, value);
    }
    expect(seen.size).toBeGreaterThan(1_000);
  });
});
