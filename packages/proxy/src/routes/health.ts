import type { Hono } from 'hono';
import type { ProxyEnv } from '../proxy-env.js';

export const healthPaths = ['/health/liveliness', '/health/liveness', '/health/readiness'] as const;

/** Probes for orchestrators; public (no key), as litellm's are. */
export function healthRoutes(app: Hono<ProxyEnv>, version: string): void {
  app.get('/health/liveliness', (c) => c.json("I'm alive!"));
  app.get('/health/liveness', (c) => c.json("I'm alive!"));
  app.get('/health/readiness', (c) => c.json({ status: 'healthy', version }));
}
