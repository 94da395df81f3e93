import type {
  Attempt,
  ModelDeployment,
  ResolvedDeployment,
  RouteRequest,
  RouteResult,
  Router,
  RouterContext,
  RouterFactory,
} from '@switchyard/core';
import { AbortedError } from '@switchyard/core';
import { checkGroupReferences, checkRouterSettings, RouterSettingsError } from './check-router-settings.js';
import { isAbortError } from './error-class.js';
import { fallbackGroups } from './fallbacks.js';
import { ModelGroups } from './model-groups.js';
import { type DeploymentLimits, deploymentLimits } from './pre-call-checks.js';
import { type RouteCounters, routeGroup } from './route-group.js';
import type { RouterLogger, RouterRuntime } from './router-runtime.js';
import type { RouterSettings } from './router-settings.js';
import { createMemoryRouterState } from './state/memory-router-state.js';
import type { RouterState } from './state/router-state.js';
import { strategyFor } from './strategies/strategy-for.js';

export interface RouterDeps {
  /**
   * Where cooldowns, in-flight counts, usage and latency live: `createRedisRouterState` to share
   * them between replicas. Default: this process (`createMemoryRouterState`). The router closes it.
   */
  state?: RouterState;
  /** Injected randomness in [0, 1) (strategies, jitter). */
  random?: () => number;
  /** Warned when a deployment starts cooling down. */
  logger?: RouterLogger;
}

/**
 * The router for a gateway (`createSwitchyard({ router: createRouter(settings) })`): litellm's
 * `router_settings` — model groups and aliases, strategies, tags, retries with backoff, fallbacks,
 * cooldowns, timeouts and pre-call checks. Throws a RouterSettingsError for settings that cannot
 * work, here for what the settings alone tell and when the gateway builds it for group names.
 */
export function createRouter(settings: RouterSettings = {}, deps: RouterDeps = {}): RouterFactory {
  const issues = checkRouterSettings(settings);
  if (issues.length > 0) throw new RouterSettingsError(issues);
  return (context) => buildRouter(settings, deps, context);
}

function buildRouter(settings: RouterSettings, deps: RouterDeps, context: RouterContext): Router {
  const groups = new ModelGroups(context, settings.model_group_alias);
  const issues = checkGroupReferences(settings, groups);
  if (issues.length > 0) throw new RouterSettingsError(issues);
  const runtime: RouterRuntime = {
    settings,
    groups,
    state: deps.state ?? createMemoryRouterState({ now: context.now }),
    strategy: strategyFor(settings),
    random: deps.random ?? Math.random,
    now: context.now,
    logger: deps.logger,
    timeouts: timeoutDefaults(settings, context),
    cooldownMs: (settings.cooldown_time ?? 5) * 1000,
    limitsOf: cachedLimits(),
  };

  async function route<T>(
    request: RouteRequest,
    call: (attempt: Attempt) => Promise<T>,
  ): Promise<RouteResult<T>> {
    const counters: RouteCounters = { attempts: 0, retries: 0 };
    const first = groups.lookup(request.model);
    const done = (
      success: { value: T; resolved: ResolvedDeployment },
      fallbacks: number,
    ): RouteResult<T> => ({
      value: success.value,
      deployment: success.resolved.deployment,
      model: success.resolved.model,
      attempts: counters.attempts,
      retries: counters.retries,
      fallbacks,
    });
    try {
      return done(await routeGroup(runtime, first, request, call, counters), 0);
    } catch (error) {
      if (request.signal?.aborted || isAbortError(error)) throw error;
      let fallbacks = 0;
      for (const name of fallbackGroups(settings, first.group, error, request.fallbacks)) {
        if (request.signal?.aborted)
          throw new AbortedError({ message: 'The request was aborted by the caller' });
        if (!groups.has(name)) continue;
        fallbacks += 1;
        try {
          return done(await routeGroup(runtime, groups.lookup(name), request, call, counters), fallbacks);
        } catch (fallbackError) {
          if (request.signal?.aborted || isAbortError(fallbackError)) throw fallbackError;
        }
      }
      throw error;
    }
  }

  return {
    route,
    resolve: (model) => groups.resolve(model),
    names: () => groups.names(),
    deploymentsOf: (name): ReadonlyArray<ModelDeployment> => groups.deploymentsOf(name),
    close: () => runtime.state.close(),
  };
}

function timeoutDefaults(settings: RouterSettings, context: RouterContext) {
  const seconds = (value: number | undefined) => (value === undefined ? undefined : Math.round(value * 1000));
  const defaults: { totalMs?: number; firstChunkMs?: number; idleMs?: number } = {
    totalMs: seconds(settings.timeout) ?? context.defaultTimeoutMs,
  };
  const firstChunkMs = seconds(settings.stream_timeout);
  const idleMs = seconds(settings.stream_idle_timeout);
  if (firstChunkMs !== undefined) defaults.firstChunkMs = firstChunkMs;
  if (idleMs !== undefined) defaults.idleMs = idleMs;
  return defaults;
}

// Limits are read once per deployment and upstream model (a wildcard deployment serves many).
function cachedLimits(): (resolved: ResolvedDeployment) => DeploymentLimits {
  const cache = new WeakMap<ModelDeployment, Map<string, DeploymentLimits>>();
  return (resolved) => {
    let perModel = cache.get(resolved.deployment);
    if (!perModel) {
      perModel = new Map();
      cache.set(resolved.deployment, perModel);
    }
    let limits = perModel.get(resolved.model);
    if (!limits) {
      limits = deploymentLimits(resolved.deployment, resolved.model);
      if (perModel.size < 1_000) perModel.set(resolved.model, limits);
    }
    return limits;
  };
}
