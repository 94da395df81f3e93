import { createHash, timingSafeEqual } from 'node:crypto';
import { AuthenticationError } from '@switchyard/core';
import type { MiddlewareHandler } from 'hono';
import { masterPrincipal, type Principal } from '../../governance/principal.js';

export interface AuthVariables {
  auth: Principal;
}

export interface AuthOptions {
  /** The admin key. */
  masterKey: string;
  /**
   * Resolves any other key (a virtual key) to its principal, throwing the 401 that fits (unknown,
   * blocked, expired). Without it only the master key is accepted.
   */
  resolveKey?: (key: string) => Promise<Principal>;
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
 * The one auth middleware in front of every route. The master key is compared as a SHA-256 digest
 * with timingSafeEqual, so neither length nor content leaks through timing; only its digest is kept
 * in memory here. Other keys are virtual keys, looked up by their hash (`resolveKey`).
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
    if (timingSafeEqual(digest(key), masterDigest)) {
      c.set('auth', masterPrincipal);
      return next();
    }
    if (!options.resolveKey) {
      throw new AuthenticationError({ message: 'Invalid API key.', code: 'invalid_api_key' });
    }
    c.set('auth', await options.resolveKey(key));
    return next();
  };
}
