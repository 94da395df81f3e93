import { imageGenerationRequestSchema, parseRequest } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/images/generations (and /images/generations), for providers that generate images. */
export function imagesRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(imageGenerationRequestSchema, body);
    return c.json(await services.gateway.imageGeneration(request, callOptions));
  };
  app.post('/v1/images/generations', handler);
  app.post('/images/generations', handler);
}
