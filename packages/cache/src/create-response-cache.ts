import type {
  CacheCallType,
  CacheControls,
  CachedAnswer,
  CacheKeyInput,
  ResponseCache,
  StoredAnswer,
} from '@switchyard/core';
import type { BackendEntry, CacheBackend } from './cache-backend.js';
import { decodeEntry, encodeEntry } from './cache-entry.js';
import { cacheKey } from './cache-key.js';
import { allCallTypes } from './call-types.js';

/** litellm's `mode`: cache every call, or only calls that opt in with `cache: {"use-cache": true}`. */
export type CacheMode = 'default_on' | 'default_off';

export interface ResponseCacheOptions {
  backend: CacheBackend;
  /** Seconds an entry lives when the request sets no `ttl`; default: the backend's (memory 600 s, Redis none). */
  ttl?: number;
  /** Prefix of every key (`namespace:hash`), unless a request names its own. */
  namespace?: string;
  /** Call types cached (litellm's `supported_call_types`). Default: all. */
  supportedCallTypes?: ReadonlyArray<CacheCallType>;
  mode?: CacheMode;
  /** Largest entry stored, in bytes; a larger answer is not cached. Default 1 MiB (litellm's). */
  maxEntryBytes?: number;
  /** Injected clock (ms). */
  now?: () => number;
}

/** A response cache with its backend: what `createResponseCache` and `createCache` return. */
export interface SwitchyardCache extends ResponseCache {
  readonly backend: CacheBackend;
  /** Resolves once the backend can serve, or after `timeoutMs`; never rejects. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** UTF-8 size over the limit (a UTF-8 string has at least as many bytes as UTF-16 units, at most 3x). */
function tooLarge(text: string, maxBytes: number): boolean {
  if (text.length > maxBytes) return true;
  return text.length * 3 > maxBytes && Buffer.byteLength(text) > maxBytes;
}

/**
 * The gateway's response cache over one backend: exact-match keys (scope and namespace included),
 * entries stamped with their age for `s-maxage`, per-request TTLs, a size limit per entry.
 */
export function createResponseCache(options: ResponseCacheOptions): SwitchyardCache {
  const { backend } = options;
  const now = options.now ?? Date.now;
  const types = new Set(options.supportedCallTypes ?? allCallTypes);
  const mode = options.mode ?? 'default_on';
  const maxEntryBytes = options.maxEntryBytes ?? 1024 * 1024;

  function fresh(answer: CachedAnswer | undefined, controls: CacheControls): CachedAnswer | undefined {
    if (!answer || controls.sMaxAge === undefined) return answer;
    const ageMs = Math.max(0, now() - answer.storedAt);
    return ageMs <= controls.sMaxAge * 1000 ? answer : undefined;
  }

  return {
    backend,
    enabled: (type: CacheCallType, controls: CacheControls) =>
      types.has(type) && (mode === 'default_on' || controls.useCache === true),
    key: (input: CacheKeyInput) => cacheKey(input, options.namespace),
    async get(keys: ReadonlyArray<string>, controls: CacheControls) {
      try {
        const texts = await backend.getMany(keys);
        return keys.map((key, index) => {
          const text = texts[index];
          return text === undefined ? undefined : fresh(decodeEntry(key, text), controls);
        });
      } catch {
        return keys.map(() => undefined);
      }
    },
    async set(answers: ReadonlyArray<StoredAnswer>, controls: CacheControls) {
      const ttl = controls.ttl ?? options.ttl;
      const storedAt = now();
      const entries: BackendEntry[] = [];
      for (const answer of answers) {
        const value = encodeEntry(answer, storedAt);
        if (tooLarge(value, maxEntryBytes)) continue;
        entries.push(
          ttl === undefined ? { key: answer.key, value } : { key: answer.key, value, ttlMs: ttl * 1000 },
        );
      }
      try {
        await backend.setMany(entries);
      } catch {
        // Fail-open: an answer that cannot be stored is still answered.
      }
    },
    ready: (timeoutMs?: number) => backend.ready(timeoutMs),
    close: () => backend.close(),
  };
}
