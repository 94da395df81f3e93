import { AuthenticationError } from '@switchyard/core';
import { hashKey, type KeyContext, type Store } from '@switchyard/store';
import { type Principal, roleOfKey, type VirtualKeyPrincipal } from './principal.js';

export interface KeyResolverOptions {
  store: Store;
  now?: () => number;
  /**
   * How long a key looked up in the store is trusted without asking again, in ms (default 5 s).
   * Changes made through this replica's management API, or announced by another replica (Redis
   * pub/sub), take effect at once; the TTL bounds staleness when no announcement arrives.
   */
  ttlMs?: number;
  /** How long an unknown key is remembered as unknown, in ms (default 1 s): a flood of bad keys costs one lookup each per second. */
  negativeTtlMs?: number;
  /** Bound on cached keys (default 10,000); the oldest are dropped first. */
  maxEntries?: number;
}

export interface KeyResolver {
  /** The principal of a virtual key; throws a 401 when it is unknown, blocked, expired or deleted. */
  resolve(key: string): Promise<Principal>;
  /** Forgets a key (by hash) so its next use reads the store. */
  invalidate(token: string): void;
  /** Forgets every key (a user's or team's change touches all their keys). */
  invalidateAll(): void;
}

interface Entry {
  /** Null: the store does not know this hash. */
  context: KeyContext | null;
  expiresAt: number;
}

/**
 * Resolves virtual keys by their SHA-256 hash through a small per-process cache. Concurrent
 * lookups of one key share a single store call; generation counters keep a lookup that started
 * before an invalidation from caching what it read.
 */
export function createKeyResolver(options: KeyResolverOptions): KeyResolver {
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? 5_000;
  const negativeTtlMs = options.negativeTtlMs ?? 1_000;
  const maxEntries = options.maxEntries ?? 10_000;
  const cache = new Map<string, Entry>();
  const pending = new Map<string, Promise<KeyContext | null>>();
  let generation = 0;

  function remember(token: string, context: KeyContext | null): void {
    if (cache.size >= maxEntries) {
      const oldest = cache.keys().next();
      if (!oldest.done) cache.delete(oldest.value);
    }
    cache.set(token, { context, expiresAt: now() + (context ? ttlMs : negativeTtlMs) });
  }

  function lookup(token: string): Promise<KeyContext | null> {
    const entry = cache.get(token);
    if (entry && entry.expiresAt > now()) return Promise.resolve(entry.context);
    if (entry) cache.delete(token);
    let running = pending.get(token);
    if (!running) {
      const started = generation;
      running = options.store.getKeyContext(token).then(
        (context) => {
          pending.delete(token);
          if (started === generation) remember(token, context);
          return context;
        },
        (error: unknown) => {
          pending.delete(token);
          throw error;
        },
      );
      pending.set(token, running);
    }
    return running;
  }

  return {
    async resolve(key) {
      const token = hashKey(key);
      const context = await lookup(token);
      if (!context) {
        throw new AuthenticationError({ message: 'Invalid API key.', code: 'invalid_api_key' });
      }
      refuseUnusable(context, now());
      const principal: VirtualKeyPrincipal = { kind: 'virtual', token, context, role: roleOfKey(context) };
      return principal;
    },
    invalidate(token) {
      generation += 1;
      cache.delete(token);
    },
    invalidateAll() {
      generation += 1;
      cache.clear();
    },
  };
}

/** A known key that may not be used: blocked (itself or its team) or expired. */
function refuseUnusable(context: KeyContext, now: number): void {
  const { key, team } = context;
  if (key.blocked) {
    throw new AuthenticationError({ message: 'This API key is blocked.', code: 'key_blocked' });
  }
  if (key.expires && key.expires.getTime() <= now) {
    throw new AuthenticationError({
      message: `This API key expired at ${key.expires.toISOString()}.`,
      code: 'key_expired',
    });
  }
  if (team?.blocked) {
    throw new AuthenticationError({
      message: `The team of this API key (${team.team_id}) is blocked.`,
      code: 'team_blocked',
    });
  }
}
