import { createHash } from 'node:crypto';
import type { CacheKeyInput } from '@switchyard/core';
import { canonicalJson } from './canonical-json.js';

/**
 * Request fields that do not change the answer: how it is delivered (stream), who asked (user,
 * metadata), the cache's own controls, and retry and time limits. Every other field — known ones
 * and provider-specific ones alike — is part of the key.
 */
export const fieldsOutsideKey: ReadonlySet<string> = new Set([
  'stream',
  'stream_options',
  'user',
  'metadata',
  'litellm_metadata',
  'cache',
  'timeout',
  'request_timeout',
  'stream_timeout',
  'num_retries',
  'max_retries',
]);

// Bumped when the key material changes, so entries written by an older version are never read.
const KEY_VERSION = 1;

/**
 * An entry's key: the SHA-256 (hex) of the canonical JSON of the call type, the tenant scope, the
 * per-call settings and every request field that changes the answer (the model as requested),
 * prefixed with `namespace:` when there is a namespace (litellm's key layout).
 */
export function cacheKey(input: CacheKeyInput, defaultNamespace?: string): string {
  const request: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(input.request)) {
    if (!fieldsOutsideKey.has(field)) request[field] = value;
  }
  const material = canonicalJson({
    version: KEY_VERSION,
    type: input.type,
    scope: input.scope ?? null,
    call: input.call ?? null,
    request,
  });
  const hash = createHash('sha256').update(material).digest('hex');
  const namespace = input.namespace ?? defaultNamespace;
  return namespace ? `${namespace}:${hash}` : hash;
}
