export type { BackendEntry, CacheBackend } from './cache-backend.js';
export { cacheKey, fieldsOutsideKey } from './cache-key.js';
export type { CacheLogger } from './cache-logger.js';
export { allCallTypes, litellmCallTypes } from './call-types.js';
export { canonicalJson } from './canonical-json.js';
export { type CacheSettings, createCache } from './create-cache.js';
export {
  type CacheMode,
  createResponseCache,
  type ResponseCacheOptions,
  type SwitchyardCache,
} from './create-response-cache.js';
export { MemoryBackend, type MemoryBackendOptions } from './memory-backend.js';
export { RedisBackend, type RedisBackendOptions } from './redis-backend.js';
export { createRedisClient, type RedisConnectionOptions } from './redis-connection.js';
