import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const keyBytes = 32;
const hashPattern = /^[0-9a-f]{64}$/;

/**
 * A new virtual key: `sk-` and 32 random bytes in base64url (43 characters). Shown to its owner
 * once; only `hashKey` of it is stored.
 */
export function generateKey(random: (size: number) => Buffer = randomBytes): string {
  return `sk-${random(keyBytes).toString('base64url')}`;
}

/**
 * SHA-256 hex digest of a key, as stored in `token`. litellm hashes keys the same way, so keys
 * imported from a litellm database keep working.
 */
export function hashKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** True when `value` has the shape of a stored key hash (64 lowercase hex digits). */
export function isKeyHash(value: string): boolean {
  return hashPattern.test(value);
}

/**
 * The hash for a key given either as plaintext (`sk-…`) or already hashed, as litellm's
 * management routes accept both.
 */
export function toKeyHash(keyOrHash: string): string {
  return isKeyHash(keyOrHash) ? keyOrHash : hashKey(keyOrHash);
}

/** The masked form kept as `key_name`: `sk-...` and the last four characters. */
export function maskKey(key: string): string {
  return `sk-...${key.slice(-4)}`;
}

/**
 * Compares a plaintext key with a stored hash in constant time (neither the content nor the
 * length of the key leaks through timing).
 */
export function keyMatchesHash(key: string, hash: string): boolean {
  if (!isKeyHash(hash)) return false;
  return timingSafeEqual(createHash('sha256').update(key, 'utf8').digest(), Buffer.from(hash, 'hex'));
}
