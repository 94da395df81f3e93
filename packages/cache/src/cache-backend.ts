/** One entry to write: its text and, optionally, how long it lives. */
export interface BackendEntry {
  key: string;
  value: string;
  /** Milliseconds; without it the backend's default (memory: its default TTL; Redis: no expiry). */
  ttlMs?: number;
}

/**
 * Where cache entries live: a key-value store of texts with expiry. Implementations never reject
 * on their own trouble: a backend that cannot answer reads "not found" and drops writes.
 */
export interface CacheBackend {
  /** `local` or `redis` (for logs and `/health`-style reporting). */
  readonly type: string;
  /** One value per key, in order; undefined for a missing or expired entry. */
  getMany(keys: ReadonlyArray<string>): Promise<Array<string | undefined>>;
  setMany(entries: ReadonlyArray<BackendEntry>): Promise<void>;
  deleteMany(keys: ReadonlyArray<string>): Promise<void>;
  /** Resolves once the backend can serve (a connection is up) or `timeoutMs` passed; never rejects. */
  ready(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}
