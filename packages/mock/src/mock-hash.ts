import { createHash } from 'node:crypto';

/** A stable hexadecimal digest of `text` (SHA-256), cut to `length` characters (at most 64). */
export function hashHex(text: string, length = 24): string {
  return createHash('sha256').update(text).digest('hex').slice(0, length);
}

/**
 * A deterministic pseudo-random source seeded from `text`: xoshiro128** over a SHA-256 seed.
 * Returns numbers in [0, 1); the same text always yields the same sequence.
 */
export function seededRandom(text: string): () => number {
  const digest = createHash('sha256').update(text).digest();
  const state = [0, 4, 8, 12].map((offset) => digest.readUInt32LE(offset));
  if (!state.some((word) => word !== 0)) state[0] = 1;
  let [a, b, c, d] = state as [number, number, number, number];
  return () => {
    const result = Math.imul(rotateLeft(Math.imul(b, 5), 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotateLeft(d, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return result / 4_294_967_296;
  };
}

function rotateLeft(value: number, bits: number): number {
  return ((value << bits) | (value >>> (32 - bits))) >>> 0;
}
