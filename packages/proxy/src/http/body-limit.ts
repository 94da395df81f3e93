import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import { claimNodeBody, servedByNode } from './node-request.js';

/**
 * Hono's body limit, without its cost on the common path: served by Node, a request that states
 * its `content-length` (and no `transfer-encoding`) is checked from the header alone, as Hono does,
 * and its body is then read straight from the Node stream ({@link requestText}). Other requests go
 * through Hono's body limit, which reads and counts the body.
 */
export function bodyLimit(options: { maxSize: number; onError: (c: Context) => never }): MiddlewareHandler {
  const fallback = honoBodyLimit(options);
  return async (c, next) => {
    if (!servedByNode(c)) return fallback(c, next);
    const method = c.req.method;
    if (method === 'GET' || method === 'HEAD') return next();
    const length = c.req.header('content-length');
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return fallback(c, next);
    if (Number.parseInt(length, 10) > options.maxSize) return options.onError(c);
    claimNodeBody(c);
    return next();
  };
}
