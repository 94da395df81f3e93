/**
 * The kinds of calls a response cache serves: litellm's `supported_call_types` without the `a`
 * prefix (`completion` is chat, `text_completion` the legacy completions API).
 */
export type CacheCallType = 'completion' | 'text_completion' | 'embedding';

/**
 * Per-request cache controls: litellm's body `cache` object (`no-cache`, `no-store`, `ttl`,
 * `s-maxage`, `namespace`, `use-cache`) and HTTP's `Cache-Control`, in the library's spelling.
 */
export interface CacheControls {
  /** Skip reading: the call goes upstream (its answer is still stored unless `noStore`). */
  noCache?: boolean;
  /** Skip writing: the answer is not stored. */
  noStore?: boolean;
  /** Seconds to keep this answer, instead of the cache's default. */
  ttl?: number;
  /** Seconds: accept only a cached answer younger than this. */
  sMaxAge?: number;
  /** Keeps this call's entries apart from others' (added to the key). */
  namespace?: string;
  /** Opts in when the cache runs in `default_off` mode. */
  useCache?: boolean;
}

/** What an entry's key is derived from. */
export interface CacheKeyInput {
  type: CacheCallType;
  /** The request as the caller sent it (model as requested), without its `cache` controls. */
  request: Readonly<Record<string, unknown>>;
  /** Per-call settings that change the answer (endpoint, headers, credentials overrides). */
  call?: Readonly<Record<string, unknown>>;
  /** The tenant the entry belongs to; entries of different scopes are never shared. */
  scope?: string;
  /** The request's namespace (`cache.namespace`); the cache's own namespace otherwise. */
  namespace?: string;
}

/** An answer to store under a key, with who produced it. */
export interface StoredAnswer {
  key: string;
  /** A JSON-serialisable answer (a chat completion, one embedding, a text completion). */
  value: object;
  provider?: string;
  /** Upstream model id that produced it. */
  model?: string;
}

/** An answer read back from the cache. */
export interface CachedAnswer {
  key: string;
  value: unknown;
  provider?: string;
  model?: string;
  /** When it was stored (ms since the epoch). */
  storedAt: number;
}

/**
 * What the gateway needs from a response cache (implemented by `@switchyard/cache`). Reads and
 * writes never reject: a cache that is down answers "not found" and drops writes (fail-open).
 */
export interface ResponseCache {
  /** Whether calls of this type are cached at all (`supported_call_types`, `mode`). */
  enabled(type: CacheCallType, controls: CacheControls): boolean;
  /** The entry key of a request: a hash of everything that changes the answer, scope and namespace. */
  key(input: CacheKeyInput): string;
  /** One result per key, in order; entries older than `controls.sMaxAge` count as missing. */
  get(keys: ReadonlyArray<string>, controls: CacheControls): Promise<Array<CachedAnswer | undefined>>;
  /** Stores answers for `controls.ttl` seconds (else the default); oversize answers are skipped. */
  set(answers: ReadonlyArray<StoredAnswer>, controls: CacheControls): Promise<void>;
  close?(): Promise<void>;
}
