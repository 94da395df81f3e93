import { NotFoundError } from '../errors/error-classes.js';
import type { ModelDeployment } from './deployment.js';
import { ModelCatalog } from './model-catalog.js';
import type { AttemptTimeouts, RouteRequest, Router, RouterContext } from './router.js';
import { runAttempt } from './run-attempt.js';

/** Router-wide time limits, in ms, used where neither the request nor the deployment sets one. */
export interface TimeoutDefaults {
  totalMs?: number;
  firstChunkMs?: number;
  idleMs?: number;
}

/**
 * The time limits of one attempt: the request's total deadline wins over the deployment's, which
 * wins over the defaults; streams also get a first-chunk and an idle limit (the idle limit
 * defaults to the first-chunk one, as an HTTP read timeout bounds both).
 */
export function attemptTimeoutsFor(
  deployment: ModelDeployment,
  request: Pick<RouteRequest, 'stream' | 'timeoutMs'>,
  defaults: TimeoutDefaults,
): AttemptTimeouts {
  const timeouts: AttemptTimeouts = {};
  const totalMs = request.timeoutMs ?? deployment.timeoutMs ?? defaults.totalMs;
  if (totalMs !== undefined) timeouts.totalMs = totalMs;
  if (request.stream) {
    const firstChunkMs = deployment.streamTimeoutMs ?? defaults.firstChunkMs;
    const idleMs = deployment.streamIdleTimeoutMs ?? defaults.idleMs ?? firstChunkMs;
    if (firstChunkMs !== undefined) timeouts.firstChunkMs = firstChunkMs;
    if (idleMs !== undefined) timeouts.idleMs = idleMs;
  }
  return timeouts;
}

/**
 * The gateway's router when none is configured: one try per call, the deployments of a group in
 * turn (round robin), the deployment's timeouts. `@switchyard/router` adds strategies, retries,
 * fallbacks and cooldowns.
 */
export function createBasicRouter(context: RouterContext): Router {
  const catalog = new ModelCatalog(context);
  return {
    async route(request, call) {
      const candidates = catalog.candidates(request.model);
      const resolved = request.accept ? candidates.find(request.accept) : candidates[0];
      if (!resolved) {
        throw new NotFoundError({
          message: `No deployment of \`${request.model}\` can serve this request.`,
          code: 'no_eligible_deployment',
          param: 'model',
          model: request.model,
        });
      }
      const timeouts = attemptTimeoutsFor(resolved.deployment, request, {
        totalMs: context.defaultTimeoutMs,
      });
      const spec = { resolved, timeouts, index: 0, now: context.now };
      const value = await runAttempt(
        request.signal ? { ...spec, signal: request.signal } : spec,
        call,
        () => {},
      );
      return {
        value,
        deployment: resolved.deployment,
        model: resolved.model,
        attempts: 1,
        retries: 0,
        fallbacks: 0,
      };
    },
    resolve: (model) => catalog.resolve(model),
    names: () => catalog.names(),
    deploymentsOf: (name) => catalog.deploymentsOf(name),
  };
}
