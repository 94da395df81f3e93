import { parseRequest, type TextCompletion, textCompletionRequestSchema } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { cacheCallOptions, cacheHeaders } from '../http/cache-headers.js';
import { takeClientCredentials } from '../http/client-credentials.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sseResponse } from '../http/sse-response.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/completions (and /completions): the legacy completions API, bridged through chat. */
export function completionsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const overrides = takeClientCredentials(body, services.allowClientSideCredentials);
    const request = parseRequest(textCompletionRequestSchema, body);
    const options = { ...overrides, signal: c.req.raw.signal, ...cacheCallOptions(c) };
    const result = await services.gateway.textCompletion(request, options);
    if (Symbol.asyncIterator in result) {
      return sseResponse(result as AsyncIterable<TextCompletion>, {
        headers: cacheHeaders(options.trace),
        onError: (error) => services.logger.warn('stream ended with an error', { error: String(error) }),
      });
    }
    return c.json(result, 200, cacheHeaders(options.trace));
  };
  app.post('/v1/completions', handler);
  app.post('/completions', handler);
}
