import { parseRequest, rerankRequestSchema } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/rerank (also /rerank and /v2/rerank, as litellm serves it), in Cohere's shape. */
export function rerankRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(rerankRequestSchema, body);
    return c.json(await services.gateway.rerank(request, callOptions));
  };
  app.post('/v1/rerank', handler);
  app.post('/v2/rerank', handler);
  app.post('/rerank', handler);
}
