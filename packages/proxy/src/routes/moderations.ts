import { moderationRequestSchema, parseRequest } from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** POST /v1/moderations (and /moderations), for providers that moderate natively. */
export function moderationsRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const handler = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(moderationRequestSchema, body);
    return c.json(await services.gateway.moderation(request, callOptions));
  };
  app.post('/v1/moderations', handler);
  app.post('/moderations', handler);
}
