import type { BackendEntry, CacheBackend } from './cache-backend.js';

export interface MemoryBackendOptions {
  /** Most entries kept (litellm's `max_size_in_memory`). Default 10,000. */
  maxEntries?: number;
  /** Most bytes kept, keys and values (UTF-8) together. Default 64 MiB. */
  maxBytes?: number;
  /** Lifetime of an entry written without a TTL, in ms. Default 600 s (litellm's in-memory default). */
  defaultTtlMs?: number;
  /** Injected clock (ms). */
  now?: () => number;
}

interface Slot {
  value: string;
  bytes: number;
  expiresAt: number;
}

/**
 * The embedded backend: a least-recently-used map bounded by entry count and by bytes, entries
 * expiring after their TTL. Belongs to one process (replicas share nothing through it).
 */
export class MemoryBackend implements CacheBackend {
  readonly type = 'local';
  private readonly slots = new Map<string, Slot>();
  private totalBytes = 0;
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly defaultTtlMs: number;
  private readonly now: () => number;

  constructor(options: MemoryBackendOptions = {}) {
    this.maxEntries = Math.max(0, options.maxEntries ?? 10_000);
    this.maxBytes = Math.max(0, options.maxBytes ?? 64 * 1024 * 1024);
    this.defaultTtlMs = options.defaultTtlMs ?? 600_000;
    this.now = options.now ?? Date.now;
  }

  /** Entries and bytes held now (expired entries not yet evicted included). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.slots.size, bytes: this.totalBytes };
  }

  async getMany(keys: ReadonlyArray<string>): Promise<Array<string | undefined>> {
    return keys.map((key) => this.read(key));
  }

  async setMany(entries: ReadonlyArray<BackendEntry>): Promise<void> {
    for (const entry of entries) this.write(entry);
  }

  async deleteMany(keys: ReadonlyArray<string>): Promise<void> {
    for (const key of keys) this.remove(key);
  }

  async ready(): Promise<void> {}

  async close(): Promise<void> {
    this.slots.clear();
    this.totalBytes = 0;
  }

  private read(key: string): string | undefined {
    const slot = this.slots.get(key);
    if (!slot) return undefined;
    if (slot.expiresAt <= this.now()) {
      this.remove(key);
      return undefined;
    }
    // Most recently used last: re-inserting moves the key to the end of the map's order.
    this.slots.delete(key);
    this.slots.set(key, slot);
    return slot.value;
  }

  private write(entry: BackendEntry): void {
    const ttlMs = entry.ttlMs ?? this.defaultTtlMs;
    this.remove(entry.key);
    const bytes = Buffer.byteLength(entry.key) + Buffer.byteLength(entry.value);
    if (ttlMs <= 0 || bytes > this.maxBytes || this.maxEntries === 0) return;
    this.slots.set(entry.key, { value: entry.value, bytes, expiresAt: this.now() + ttlMs });
    this.totalBytes += bytes;
    this.evict();
  }

  /** Drops least recently used entries until both bounds hold. */
  private evict(): void {
    for (const key of this.slots.keys()) {
      if (this.slots.size <= this.maxEntries && this.totalBytes <= this.maxBytes) return;
      this.remove(key);
    }
  }

  private remove(key: string): void {
    const slot = this.slots.get(key);
    if (!slot) return;
    this.slots.delete(key);
    this.totalBytes -= slot.bytes;
  }
}
