import { crc32 as zlibCrc32 } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32 } from './crc32.js';

describe('crc32', () => {
  it('gives the standard check value for "123456789"', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('is 0 for no bytes and agrees with zlib on arbitrary data and ranges', () => {
    const bytes = Buffer.from(Array.from({ length: 1000 }, (_, index) => (index * 7919) % 256));

    expect(crc32(new Uint8Array())).toBe(0);
    expect(crc32(bytes)).toBe(zlibCrc32(bytes));
    expect(crc32(bytes, 10, 500)).toBe(zlibCrc32(bytes.subarray(10, 500)));
  });
});
