import { describe, expect, it } from 'vitest';
import { decodeFloat32Base64, encodeFloat32Base64 } from './embedding-encoding.js';

describe('float32 base64 embeddings', () => {
  it('round-trips float32 values exactly and is little-endian', () => {
    const vector = [0.5, -1, 0.25, Math.fround(0.1)];
    expect(decodeFloat32Base64(encodeFloat32Base64(vector))).toEqual(vector);
    // 1.0 as little-endian float32 is 00 00 80 3f.
    expect(Buffer.from(encodeFloat32Base64([1]), 'base64')).toEqual(Buffer.from([0, 0, 0x80, 0x3f]));
  });
  it('handles an empty vector', () => {
    expect(encodeFloat32Base64([])).toBe('');
    expect(decodeFloat32Base64('')).toEqual([]);
  });
});
