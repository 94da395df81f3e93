export {
  type AnthropicErrorBody,
  anthropicErrorType,
  renderAnthropicError,
} from './anthropic/anthropic-error-body.js';
export { type CacheFromConfig, cacheFromConfig } from './cache-from-config.js';
export * from './config/index.js';
export { createProxyApp, type ProxyAppOptions } from './create-proxy-app.js';
export { deploymentsFromConfig } from './deployments-from-config.js';
export { createKeyResolver, type KeyResolver, type KeyResolverOptions } from './governance/key-resolver.js';
export type { LimitedEntity, Limiter, Reservation, ReserveRequest } from './governance/limiter.js';
export type { MasterPrincipal, Principal, VirtualKeyPrincipal } from './governance/principal.js';
export { type OpenAIErrorBody, renderOpenAIError } from './http/openai-error-body.js';
export { loadCustomProviders } from './load-custom-providers.js';
export {
  createLogger,
  type LogFields,
  type Logger,
  type LoggerOptions,
  type LogLevel,
  silentLogger,
} from './logger.js';
export {
  type AccessGroupSource,
  type AccessGroups,
  accessGroupsFromDeployments,
} from './management/access-groups.js';
export { type AuthChange, afterAuthChange } from './management/auth-change.js';
export { type ManagementOptions, managementRoutes } from './management/management-routes.js';
export {
  type ModelAccess,
  type ModelAccessLevel,
  modelAccess,
  modelListAllows,
  specialModelNames,
} from './management/model-access.js';
export {
  authorize,
  authorizeRoute,
  checkKeyGrant,
  type ManagementAction,
  type PolicyTargets,
} from './management/policy/index.js';
export { routeAllowed, routeGroups } from './management/route-groups.js';
export { type AuthOptions, auth, extractApiKey } from './middleware/auth/index.js';
export { type ErrorDialect, errorDialect } from './middleware/error-dialect/index.js';
export { redactedApiBase, routeTrace } from './middleware/route-trace/index.js';
export type { ProxyEnv } from './proxy-env.js';
export { routerFromConfig, routerSettingsFromConfig } from './router-from-config.js';
export {
  type MasterKeySource,
  type RunningProxy,
  type StartProxyOptions,
  startProxy,
} from './start-proxy.js';
