import { z } from 'zod';
import { BadRequestError } from '../errors/error-classes.js';
import { formatIssuePath } from '../schemas/validation.js';
import type { CacheControls } from './response-cache.js';

// litellm's body `cache` object (its DynamicCacheControl), checked strictly so a misspelt control
// (`no_cache`) is a 400 instead of silently doing nothing.
const bodyCacheSchema = z.strictObject({
  'no-cache': z.boolean().optional(),
  'no-store': z.boolean().optional(),
  'use-cache': z.boolean().optional(),
  ttl: z.number().positive().optional(),
  's-maxage': z.number().min(0).optional(),
  's-max-age': z.number().min(0).optional(),
  namespace: z.string().min(1).max(256).optional(),
});

/** The body's `cache` object in the library's spelling; a malformed one is a 400 naming the field. */
export function parseBodyCacheControls(value: unknown): CacheControls {
  const result = bodyCacheSchema.safeParse(value);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      param: ['cache', formatIssuePath(issue.path)].filter(Boolean).join('.'),
      message: issue.message,
    }));
    throw new BadRequestError({
      message: `Invalid cache controls: ${issues.map((issue) => `${issue.param}: ${issue.message}`).join('; ')}. Known controls: no-cache, no-store, ttl, s-maxage, namespace, use-cache.`,
      param: issues[0]?.param ?? 'cache',
      code: 'invalid_cache_controls',
    });
  }
  const body = result.data;
  const controls: CacheControls = {};
  if (body['no-cache'] !== undefined) controls.noCache = body['no-cache'];
  if (body['no-store'] !== undefined) controls.noStore = body['no-store'];
  if (body['use-cache'] !== undefined) controls.useCache = body['use-cache'];
  if (body.ttl !== undefined) controls.ttl = body.ttl;
  const maxAge = body['s-maxage'] ?? body['s-max-age'];
  if (maxAge !== undefined) controls.sMaxAge = maxAge;
  if (body.namespace !== undefined) controls.namespace = body.namespace;
  return controls;
}

/**
 * Takes the `cache` object out of a request body and merges it over the call's controls (the
 * library's `CompletionOptions.cache`, or the proxy's `Cache-Control` header): the body wins.
 */
export function takeCacheControls<T extends object>(
  request: T,
  fromCall: CacheControls | undefined,
): { request: T; controls: CacheControls } {
  if (!('cache' in request)) return { request, controls: { ...fromCall } };
  const { cache, ...rest } = request as T & { cache?: unknown };
  const fromBody = cache === undefined || cache === null ? {} : parseBodyCacheControls(cache);
  return { request: rest as T, controls: { ...fromCall, ...fromBody } };
}
