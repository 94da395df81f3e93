import type { Redis } from 'ioredis';
import type { CacheLogger } from './cache-logger.js';
import {
  createResponseCache,
  type ResponseCacheOptions,
  type SwitchyardCache,
} from './create-response-cache.js';
import { MemoryBackend, type MemoryBackendOptions } from './memory-backend.js';
import { RedisBackend, type RedisBackendOptions } from './redis-backend.js';
import { createRedisClient, type RedisConnectionOptions } from './redis-connection.js';

/** Settings of a response cache, with its backend described rather than built. */
export interface CacheSettings extends Omit<ResponseCacheOptions, 'backend'> {
  /** `local` (in this process, the default) or `redis` (shared by every replica). */
  type?: 'local' | 'redis';
  /** `local`: bounds and default TTL of the in-memory LRU. */
  local?: Omit<MemoryBackendOptions, 'now'>;
  /**
   * `redis`: where Redis is, or a client of your own (left open on `close()`), plus the circuit's
   * settings. A client of your own should be set up as `createRedisClient` does (no offline queue).
   */
  redis?: RedisConnectionOptions & { client?: Redis; circuit?: RedisBackendOptions['circuit'] };
  /** Where Redis trouble is reported (one warning when it goes away, one when it is back). */
  logger?: CacheLogger;
}

/** A response cache from settings: the in-memory LRU by default, or Redis. */
export function createCache(settings: CacheSettings = {}): SwitchyardCache {
  const { type, local, redis, logger, ...options } = settings;
  if (type === 'redis') {
    const backendOptions: RedisBackendOptions = {
      client: redis?.client ?? createRedisClient(redis ?? {}),
      ownsClient: redis?.client === undefined,
    };
    if (redis?.commandTimeoutMs !== undefined) backendOptions.timeoutMs = redis.commandTimeoutMs;
    if (redis?.circuit) backendOptions.circuit = redis.circuit;
    if (logger) backendOptions.logger = logger;
    if (options.now) backendOptions.now = options.now;
    return createResponseCache({ ...options, backend: new RedisBackend(backendOptions) });
  }
  const memoryOptions: MemoryBackendOptions = { ...local };
  if (options.now) memoryOptions.now = options.now;
  return createResponseCache({ ...options, backend: new MemoryBackend(memoryOptions) });
}
