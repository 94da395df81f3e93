import type { AttemptOutcome, ResolvedDeployment, RouteRequest, TimeoutDefaults } from '@switchyard/core';
import { isTimeoutError } from '@switchyard/core';
import { countsTowardsCooldown, isAbortError } from './error-class.js';
import type { ModelGroups } from './model-groups.js';
import type { DeploymentLimits } from './pre-call-checks.js';
import { allowedFailsFor } from './retry-policy.js';
import type { RouterSettings } from './router-settings.js';
import type { RouterState } from './state/router-state.js';
import type { Candidate, RoutingStrategyImpl } from './strategies/routing-strategy.js';

/** Logs the router's rare events (a deployment cooling down); never per request. */
export interface RouterLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** What one router instance works with, built once from the settings and the gateway's context. */
export interface RouterRuntime {
  settings: RouterSettings;
  groups: ModelGroups;
  state: RouterState;
  strategy: RoutingStrategyImpl;
  random: () => number;
  now: () => number;
  logger: RouterLogger | undefined;
  timeouts: TimeoutDefaults;
  cooldownMs: number;
  limitsOf: (resolved: ResolvedDeployment) => DeploymentLimits;
}

// State calls that nobody waits for: implementations never throw, but a bug must not become an
// unhandled rejection that takes the process down.
function quietly(promise: Promise<unknown>): void {
  promise.catch(() => {});
}

/** Counts an attempt as started: in flight, and one request of this minute's usage. */
export function recordStart(runtime: RouterRuntime, candidate: Candidate): void {
  quietly(runtime.state.startRequest(candidate.id));
  quietly(runtime.state.addUsage(candidate.id, 1, 0));
}

/**
 * Records how an attempt ended: no longer in flight; tokens used; a latency sample (time to first
 * token for streams, the whole call otherwise, a timeout as the time it took); and a failure that
 * counts towards cooldown (429, 408, 5xx), which may cool the deployment down.
 */
export function recordEnd(
  runtime: RouterRuntime,
  candidate: Candidate,
  request: RouteRequest,
  group: string,
  outcome: AttemptOutcome,
  coolable: boolean,
): void {
  const { state, settings } = runtime;
  quietly(state.endRequest(candidate.id));
  const { error } = outcome;
  if (error === undefined) {
    const tokens = outcome.usage?.total_tokens ?? 0;
    if (tokens > 0) quietly(state.addUsage(candidate.id, 0, tokens));
    const sample =
      request.stream && outcome.ttftMs !== undefined
        ? { ttftMs: outcome.ttftMs }
        : { latencyMs: outcome.durationMs };
    quietly(state.recordLatency(candidate.id, sample));
    return;
  }
  if (isAbortError(error)) return;
  if (isTimeoutError(error)) {
    quietly(
      state.recordLatency(
        candidate.id,
        request.stream ? { ttftMs: outcome.durationMs } : { latencyMs: outcome.durationMs },
      ),
    );
  }
  if (!coolable || settings.disable_cooldowns === true || !countsTowardsCooldown(error)) return;
  const allowed = allowedFailsFor(error, settings.allowed_fails ?? 3, settings.allowed_fails_policy);
  state
    .recordFailure(candidate.id, allowed, runtime.cooldownMs)
    .then((started) => {
      if (!started) return;
      runtime.logger?.warn('deployment cooling down', {
        group,
        deployment: candidate.id,
        provider: candidate.resolved.deployment.provider,
        model: candidate.resolved.model,
        cooldownMs: runtime.cooldownMs,
        error: error instanceof Error ? error.message : String(error),
      });
    })
    .catch(() => {});
}
