import type { RouterFactory } from '@switchyard/core';
import {
  createRedisRouterState,
  createRouter,
  createRouterRedis,
  type RouterDeps,
  RouterRedisSettingsError,
  type RouterSettings,
  RouterSettingsError,
  type RouterState,
} from '@switchyard/router';
import { ConfigError, type SwitchyardConfig } from './config/index.js';

/**
 * The router settings of a config: `router_settings`, plus the routing keys litellm also reads
 * from `litellm_settings` (num_retries, request_timeout as `timeout`, the fallback lists) where
 * router_settings does not set them.
 */
export function routerSettingsFromConfig(config: SwitchyardConfig): RouterSettings {
  const settings: RouterSettings = { ...config.router_settings };
  const litellm = config.litellm_settings ?? {};
  if (settings.num_retries === undefined && litellm.num_retries !== undefined) {
    settings.num_retries = litellm.num_retries;
  }
  if (settings.timeout === undefined && litellm.request_timeout !== undefined) {
    settings.timeout = litellm.request_timeout;
  }
  for (const key of ['fallbacks', 'context_window_fallbacks', 'content_policy_fallbacks'] as const) {
    const value = litellm[key];
    if (settings[key] === undefined && value !== undefined) settings[key] = value;
  }
  if (settings.default_fallbacks === undefined && litellm.default_fallbacks !== undefined) {
    settings.default_fallbacks = litellm.default_fallbacks;
  }
  return settings;
}

/** Key prefix of the router state in Redis; replicas with the same config share it. */
export const routerStatePrefix = 'switchyard:router';

/**
 * The router state of a config: in Redis, shared by every replica, when router_settings names one
 * (`redis_url`, or `redis_host` / `redis_port` / `redis_password`); undefined (per process)
 * otherwise. Invalid Redis settings are a ConfigError naming them.
 */
export function routerStateFromConfig(
  settings: RouterSettings,
  logger: RouterDeps['logger'],
  source: string,
): RouterState | undefined {
  let redis: ReturnType<typeof createRouterRedis>;
  try {
    redis = createRouterRedis(settings);
  } catch (error) {
    if (error instanceof RouterRedisSettingsError) throw new ConfigError(source, error.issues);
    throw error;
  }
  if (!redis) return undefined;
  return createRedisRouterState({
    redis,
    prefix: routerStatePrefix,
    closeRedis: true,
    ...(logger ? { logger } : {}),
  });
}

/**
 * The gateway's router factory for these settings; settings that cannot work (a fallback to an
 * unknown group, …) become a ConfigError naming `router_settings.<path>`, when the gateway builds
 * the router.
 */
export function routerFromConfig(settings: RouterSettings, deps: RouterDeps, source: string): RouterFactory {
  const factory = asConfigError(() => createRouter(settings, deps), source);
  return (context) => asConfigError(() => factory(context), source);
}

function asConfigError<T>(build: () => T, source: string): T {
  try {
    return build();
  } catch (error) {
    if (!(error instanceof RouterSettingsError)) throw error;
    throw new ConfigError(
      source,
      error.issues.map((issue) => ({ path: `router_settings.${issue.path}`, message: issue.message })),
    );
  }
}
