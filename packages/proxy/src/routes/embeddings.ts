import { embeddingRequestSchema, parseRequest, toJsonText } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/embeddings (and /embeddings). */
export function embeddingsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(embeddingRequestSchema, body);
    const response = await services.gateway.embedding(request, callOptions);
    return c.body(toJsonText(response), 200, { 'content-type': 'application/json' });
  };
  app.post('/v1/embeddings', handler);
  app.post('/embeddings', handler);
}
