import { embeddingRequestSchema, parseRequest, toJsonText } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { cacheCallOptions, cacheHeaders } from '../http/cache-headers.js';
import { takeClientCredentials } from '../http/client-credentials.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/embeddings (and /embeddings). */
export function embeddingsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const overrides = takeClientCredentials(body, services.allowClientSideCredentials);
    const request = parseRequest(embeddingRequestSchema, body);
    const options = { ...overrides, signal: c.req.raw.signal, ...cacheCallOptions(c) };
    const response = await services.gateway.embedding(request, options);
    return c.body(toJsonText(response), 200, {
      'content-type': 'application/json',
      ...cacheHeaders(options.trace),
    });
  };
  app.post('/v1/embeddings', handler);
  app.post('/embeddings', handler);
}
