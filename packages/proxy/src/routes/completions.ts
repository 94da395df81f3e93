import { parseRequest, type TextCompletion, textCompletionRequestSchema } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { passthroughResponse } from '../http/passthrough-response.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sseResponse } from '../http/sse-response.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/**
 * POST /v1/completions (and /completions): the legacy completions API, passed through unchanged
 * where the model's deployment serves `/completions` itself, bridged through chat otherwise.
 */
export function completionsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(textCompletionRequestSchema, body);
    const passed = await services.gateway.passthrough(
      'openai-completions',
      { body, stream: request.stream === true },
      callOptions,
    );
    if (passed) return passthroughResponse(passed);
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
