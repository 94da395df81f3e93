export { abortableSleep } from './abortable-sleep.js';
export { type BackoffOptions, backoffDelay } from './backoff.js';
export {
  checkRouterSettings,
  RouterSettingsError,
  type RouterSettingsIssue,
} from './check-router-settings.js';
export { createRouter, type RouterDeps } from './create-router.js';
export { deploymentId } from './deployment-id.js';
export { estimatePromptTokens } from './estimate-prompt-tokens.js';
export { fallbackGroups } from './fallbacks.js';
export { NoDeploymentsAvailableError } from './no-deployments-error.js';
export { closeRouterRedis } from './redis/close-router-redis.js';
export {
  createRouterRedis,
  type RouterRedisOptions,
  type RouterRedisSettings,
  RouterRedisSettingsError,
  type RouterRedisSettingsIssue,
  routerRedisConnection,
} from './redis/create-router-redis.js';
export { allowedFailsFor, retriesAllowed } from './retry-policy.js';
export type { RouterLogger } from './router-runtime.js';
export {
  type AllowedFailsPolicy,
  type FallbackList,
  type ModelGroupAlias,
  type RetryPolicy,
  type RouterSettings,
  type RoutingStrategy,
  type RoutingStrategyArgs,
  routingStrategies,
} from './router-settings.js';
export { createMemoryRouterState, type MemoryRouterStateOptions } from './state/memory-router-state.js';
export type { RouterStateLogger } from './state/redis-guard.js';
export { createRedisRouterState, type RedisRouterStateOptions } from './state/redis-router-state.js';
export type { RouterState } from './state/router-state.js';
export { escapeKeyPart } from './state/router-state-keys.js';
