import { describe, expect, it } from 'vitest';
import { generateKey, hashKey, isKeyHash, keyMatchesHash, maskKey, toKeyHash } from './key-hash.js';

describe('key hashing', () => {
  it('generates sk- keys with 32 random bytes in base64url', () => {
    const key = generateKey();
    expect(key).toMatch(/^sk-[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(key.slice(3), 'base64url')).toHaveLength(32);
    expect(generateKey()).not.toBe(key);
  });

  it('uses the injected random source', () => {
    const key = generateKey((size) => Buffer.alloc(size, 0xff));
    expect(key).toBe(`sk-${'_'.repeat(42)}8`);
  });

  it('hashes with sha256 hex, as litellm does (known vector)', () => {
    // sha256("sk-1234"), the hash litellm stores for the key sk-1234
    expect(hashKey('sk-1234')).toBe('88dc28d0f030c55ed4ab77ed8faf098196cb1c05df778539800c9f1243fe6b4b');
    expect(isKeyHash(hashKey('sk-anything'))).toBe(true);
  });

  it('accepts a key or its hash where litellm does', () => {
    const hash = hashKey('sk-abc');
    expect(toKeyHash('sk-abc')).toBe(hash);
    expect(toKeyHash(hash)).toBe(hash);
    expect(isKeyHash('sk-abc')).toBe(false);
    expect(isKeyHash(hash.toUpperCase())).toBe(false);
  });

  it('masks keys as sk-... and the last four characters', () => {
    expect(maskKey('sk-abcdefghijklmnop')).toBe('sk-...mnop');
  });

  it('compares a key with a hash', () => {
    const hash = hashKey('sk-right');
    expect(keyMatchesHash('sk-right', hash)).toBe(true);
    expect(keyMatchesHash('sk-wrong', hash)).toBe(false);
    expect(keyMatchesHash('sk-right', 'not-a-hash')).toBe(false);
    expect(keyMatchesHash('', hash)).toBe(false);
  });
});
