import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@switchyard/core';
import type { MiddlewareHandler } from 'hono';

export interface AuthContext {
  kind: 'master';
}

export interface AuthVariables {
  auth: AuthContext;
}

export interface AuthOptions {
  /** The admin key; requests must present it (virtual keys come with the store). */
  masterKey: string;
  /** Exact paths served without a key (health probes). */
  publicPaths?: ReadonlyArray<string>;
}

const bearerPrefix = /^Bearer\s+/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Reads the key from `Authorization: Bearer …` or `x-api-key` (Anthropic's header). */
export function extractApiKey(
  authorization: string | undefined,
  apiKeyHeader: string | undefined,
): string | undefined {
  if (authorization && bearerPrefix.test(authorization)) {
    const key = authorization.replace(bearerPrefix, '').trim();
    if (key !== '') return key;
  }
  const key = apiKeyHeader?.trim();
  return key === '' ? undefined : key;
}

/**
 * The one auth middleware in front of every route. Keys are compared as SHA-256 digests with
 * timingSafeEqual, so neither length nor content leaks through timing; only the digest of the
 * master key is kept in memory here.
 */
export function auth(options: AuthOptions): MiddlewareHandler<{ Variables: AuthVariables }> {
  const masterDigest = digest(options.masterKey);
  const publicPaths = new Set(options.publicPaths ?? []);
  return async function authMiddleware(c, next) {
    if (publicPaths.has(c.req.path)) return next();
    const key = extractApiKey(c.req.header('authorization'), c.req.header('x-api-key'));
    if (key === undefined) {
      throw new AuthenticationError({
        message: 'Missing API key: send it as "Authorization: Bearer <key>" or in the "x-api-key" header.',
        code: 'missing_api_key',
      });
    }
    if (!timingSafeEqual(digest(key), masterDigest)) {
      throw new AuthenticationError({ message: 'Invalid API key.', code: 'invalid_api_key' });
    }
    c.set('auth', { kind: 'master' });
    return next();
  };
}
