import type { CompletionOptions } from '@switchyard/core';
import type { Context } from 'hono';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';
import { cacheControlsFromHeader } from './cache-headers.js';
import { takeClientCredentials } from './client-credentials.js';
import { requestSignal } from './node-request.js';
import { takeRoutingOptions } from './routing-options.js';

/**
 * The gateway call options of a JSON request: client credentials (when allowed) and routing
 * fields taken out of the body, `Cache-Control` cache controls, the client's cancellation, the
 * trace the response headers are written from, and governance's per-request `onCall`.
 */
export function callOptionsFor(
  c: Context<ProxyEnv>,
  body: Record<string, unknown>,
  services: ProxyServices,
): CompletionOptions {
  const overrides = takeClientCredentials(body, services.allowClientSideCredentials);
  const routing = takeRoutingOptions(body);
  const options: CompletionOptions = {
    ...overrides,
    ...routing,
    signal: requestSignal(c),
    trace: c.get('trace'),
  };
  const cache = cacheControlsFromHeader(c.req.header('cache-control'));
  if (cache) options.cache = cache;
  const onCall = c.get('callObserver');
  if (onCall) options.onCall = onCall;
  return options;
}
