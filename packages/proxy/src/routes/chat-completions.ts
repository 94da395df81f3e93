import { type ChatRequest, chatRequestSchema, parseRequest, toJsonText } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { cacheCallOptions, cacheHeaders } from '../http/cache-headers.js';
import { takeClientCredentials } from '../http/client-credentials.js';
import { readJsonBody } from '../http/read-json-body.js';
import { sseResponse } from '../http/sse-response.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/chat/completions (and /chat/completions): OpenAI's chat API over every provider. */
export function chatCompletionsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const overrides = takeClientCredentials(body, services.allowClientSideCredentials);
    const request: ChatRequest = parseRequest(chatRequestSchema, body);
    const options = { ...overrides, signal: c.req.raw.signal, ...cacheCallOptions(c) };
    if (request.stream === true) {
      const stream = await services.gateway.completion({ ...request, stream: true }, options);
      return sseResponse(stream, {
        headers: cacheHeaders(options.trace),
        onError: (error) => services.logger.warn('stream ended with an error', { error: describe(error) }),
      });
    }
    const response = await services.gateway.completion({ ...request, stream: false }, options);
    return c.body(toJsonText(response), 200, {
      'content-type': 'application/json',
      ...cacheHeaders(options.trace),
    });
  };
  app.post('/v1/chat/completions', handler);
  app.post('/chat/completions', handler);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
