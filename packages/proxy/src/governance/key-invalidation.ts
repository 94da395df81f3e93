import type { Redis } from 'ioredis';
import type { Logger } from '../logger.js';
import type { KeyResolver } from './key-resolver.js';

export interface KeyInvalidationOptions {
  resolver: KeyResolver;
  /** Publishes announcements (a normal connection). */
  publisher?: Redis;
  /** Receives other replicas' announcements (a connection of its own: it enters subscriber mode). */
  subscriber?: Redis;
  /** Default `switchyard:keys:invalidate`. */
  channel?: string;
  logger: Logger;
}

export interface KeyInvalidation {
  /**
   * A change to these keys (hashes), or to users or teams (`'all'`), took effect in the store:
   * forget them here at once, and tell every other replica through Redis when it is configured.
   */
  announce(tokens: ReadonlyArray<string> | 'all'): void;
  close(): Promise<void>;
}

/**
 * Keeps every replica's key cache honest: a key revoked, blocked or changed on one replica is
 * refused by all within a Redis round trip (and, should Redis miss the message, within the
 * resolver's TTL of a few seconds). Messages are JSON `{ "tokens": [...] }` or `{ "all": true }`.
 */
export function createKeyInvalidation(options: KeyInvalidationOptions): KeyInvalidation {
  const { resolver, publisher, subscriber, logger } = options;
  const channel = options.channel ?? 'switchyard:keys:invalidate';
  let closed = false;

  const apply = (message: unknown) => {
    if (typeof message !== 'object' || message === null) return;
    const { tokens, all } = message as { tokens?: unknown; all?: unknown };
    if (all === true) return resolver.invalidateAll();
    if (!Array.isArray(tokens)) return;
    for (const token of tokens) if (typeof token === 'string') resolver.invalidate(token);
  };

  if (subscriber) {
    const subscribe = () => {
      subscriber.subscribe(channel).catch((error: unknown) => {
        logger.warn('keys: could not subscribe to invalidations; relying on the cache TTL', {
          error: String(error),
        });
      });
    };
    // Subscriptions do not survive a reconnect when the offline queue is off: renew them on ready.
    subscriber.on('ready', subscribe);
    if (subscriber.status === 'ready') subscribe();
    subscriber.on('message', (from: string, text: string) => {
      if (from !== channel) return;
      try {
        apply(JSON.parse(text));
      } catch {
        // Not ours; ignore.
      }
    });
    // A Redis that is away shows up as errors on the connection; ioredis reconnects on its own.
    subscriber.on('error', () => {});
  }

  return {
    announce(tokens) {
      const message = tokens === 'all' ? { all: true } : { tokens: [...tokens] };
      apply(message);
      if (!publisher || closed) return;
      publisher.publish(channel, JSON.stringify(message)).catch((error: unknown) => {
        logger.warn(
          'keys: could not announce a key change to other replicas; they see it within the cache TTL',
          {
            error: String(error),
          },
        );
      });
    },
    async close() {
      closed = true;
      await Promise.all(
        [publisher, subscriber].map((redis) => redis?.quit().catch(() => redis.disconnect())),
      );
    },
  };
}
