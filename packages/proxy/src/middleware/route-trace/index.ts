import type { CallTrace, ModelDeployment } from '@switchyard/core';
import type { MiddlewareHandler } from 'hono';
import { cacheHeaders } from '../../http/cache-headers.js';

export interface RouteTraceVariables {
  /** Filled by the gateway with who answered; passed to it as `options.trace`. */
  trace: CallTrace;
}

/**
 * Gives each request a `CallTrace` for the gateway to fill, and answers with litellm's headers
 * saying who answered: `x-litellm-model-id` (the deployment id), `x-litellm-model-group`,
 * `x-litellm-model-api-base` (origin and path only, never credentials or a query),
 * `x-litellm-attempted-retries` and `x-litellm-attempted-fallbacks`, and the response cache's
 * `x-litellm-cache-hit` / `x-litellm-cache-key`. Streams carry them too: the
 * gateway fills the trace before the first chunk is sent.
 */
export function routeTrace(): MiddlewareHandler<{ Variables: RouteTraceVariables }> {
  const apiBases = new WeakMap<ModelDeployment, string>();
  return async function routeTraceMiddleware(c, next) {
    const trace: CallTrace = {};
    c.set('trace', trace);
    await next();
    const headers = c.res.headers;
    for (const [name, value] of Object.entries(cacheHeaders(trace))) headers.set(name, value);
    const { deployment } = trace;
    if (!deployment) return;
    if (deployment.id !== undefined) headers.set('x-litellm-model-id', deployment.id);
    headers.set('x-litellm-model-group', deployment.modelName);
    if (deployment.apiBase !== undefined) {
      let apiBase = apiBases.get(deployment);
      if (apiBase === undefined) {
        apiBase = redactedApiBase(deployment.apiBase);
        apiBases.set(deployment, apiBase);
      }
      if (apiBase !== '') headers.set('x-litellm-model-api-base', apiBase);
    }
    headers.set('x-litellm-attempted-retries', String(trace.retries ?? 0));
    headers.set('x-litellm-attempted-fallbacks', String(trace.fallbacks ?? 0));
  };
}

/** An upstream base URL without user info, query or fragment (where credentials may hide). */
export function redactedApiBase(apiBase: string): string {
  if (!URL.canParse(apiBase)) return '';
  const url = new URL(apiBase);
  return `${url.origin}${url.pathname === '/' ? '' : url.pathname}`;
}
