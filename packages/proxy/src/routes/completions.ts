import { parseRequest, type TextCompletion, textCompletionRequestSchema } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sseResponse } from '../http/sse-response.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/completions (and /completions): the legacy completions API, bridged through chat. */
export function completionsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(textCompletionRequestSchema, body);
    const result = await services.gateway.textCompletion(request, callOptions);
    if (Symbol.asyncIterator in result) {
      return sseResponse(result as AsyncIterable<TextCompletion>, {
        onError: (error) => services.logger.warn('stream ended with an error', { error: String(error) }),
      });
    }
    return c.json(result);
  };
  app.post('/v1/completions', handler);
  app.post('/completions', handler);
}
