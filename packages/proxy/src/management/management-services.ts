import { createHash, timingSafeEqual } from 'node:crypto';
import { BadRequestError, isRecord, parseRequest, safeParseJson } from '@switchyard/core';
import type { Store } from '@switchyard/store';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { KeyInvalidation } from '../governance/key-invalidation.js';
import type { KeyResolver } from '../governance/key-resolver.js';
import type { Principal } from '../governance/principal.js';
import { requestText } from '../http/node-request.js';
import { readJsonBody } from '../http/read-json-body.js';
import type { Logger } from '../logger.js';
import type { ProxyEnv } from '../proxy-env.js';
import type { AccessGroups } from './access-groups.js';
import { refuseUnsupported } from './schemas/unsupported-fields.js';

/** What the management routes need, resolved once when the app is built. */
export interface ManagementServices {
  store: Store;
  keyResolver?: KeyResolver;
  keyInvalidation?: KeyInvalidation;
  accessGroups: AccessGroups;
  logger: Logger;
  /** Clock (ms since epoch) for `duration` → `expires` and the default report windows. */
  now: () => number;
  /** True when `key` is the proxy's master key (compared in constant time). */
  isMasterKey(key: string): boolean;
}

/** A constant-time check against the master key; only its digest is kept. */
export function masterKeyCheck(masterKey: string): (key: string) => boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  const master = digest(masterKey);
  return (key) => timingSafeEqual(digest(key), master);
}

export function principalOf(c: Context<ProxyEnv>): Principal {
  return c.get('auth');
}

/**
 * Reads a JSON body: refuses the unsupported litellm fields it sets, then validates it (a 400
 * naming the first offending field). Unknown fields are dropped. With `optional`, an empty body
 * counts as `{}`.
 */
export async function readBody<T extends z.ZodType>(
  c: Context<ProxyEnv>,
  schema: T,
  unsupported: ReadonlyArray<string>,
  options: { optional?: boolean } = {},
): Promise<z.output<T>> {
  const body = options.optional ? await readOptionalJsonBody(c) : await readJsonBody(c);
  refuseUnsupported(body, unsupported);
  return parseRequest(schema, body);
}

async function readOptionalJsonBody(c: Context<ProxyEnv>): Promise<Record<string, unknown>> {
  const text = await requestText(c);
  if (text.trim() === '') return {};
  const parsed = safeParseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) {
    throw new BadRequestError({ message: 'The request body must be a JSON object.', code: 'invalid_json' });
  }
  return parsed.value;
}

/** Validates the query string (a 400 naming the offending parameter). */
export function readQuery<T extends z.ZodType>(c: Context<ProxyEnv>, schema: T): z.output<T> {
  return parseRequest(schema, c.req.query());
}

/** The name a change is recorded under (`created_by`, `updated_by`, `deleted_by`). */
export function changedBy(principal: Principal): string | null {
  if (principal.kind === 'master') return 'master_key';
  return principal.context.user?.user_id ?? principal.context.key.user_id ?? null;
}
