export type {
  LimitDenial,
  LimitedEntity,
  Limiter,
  LimitKind,
  LimitScope,
  RateLimitSnapshot,
  Reservation,
  ReserveRequest,
  ReserveResult,
} from '../limiter.js';
export {
  createMemoryLimiter,
  type MemoryLimiter,
  type MemoryLimiterOptions,
  type MemoryLimiterStats,
} from './memory-limiter.js';
export { createRedisLimiter, type RedisLimiterOptions } from './redis-limiter.js';
export type { LimiterLogger } from './redis-limiter-guard.js';
