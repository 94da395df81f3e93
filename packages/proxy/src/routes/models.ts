import type { Context, Hono } from 'hono';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** GET /v1/models (and /models): the configured model names in OpenAI's list shape. */
export function modelsRoutes(app: Hono<ProxyEnv>, services: ProxyServices, startedAt: number): void {
  const created = Math.floor(startedAt / 1000);
  const handler = (c: Context<ProxyEnv>) =>
    c.json({
      object: 'list',
      data: services.gateway.models().map((model) => ({
        id: model.id,
        object: 'model',
        created,
        owned_by: model.provider,
      })),
    });
  app.get('/v1/models', handler);
  app.get('/models', handler);
}
