import { createHash } from 'node:crypto';
import type { LimitScope } from '../limiter.js';

// Characters kept as they are in a key part; everything else (`:` included, so parts cannot run
// into each other, and `%` and `#`, so the escaping stays injective) is written as %XXXX.
// (The same rule as the router's `escapeKeyPart`; copied so the proxy does not reach into the
// router's internals for it.)
const unsafeCharacter = /[^A-Za-z0-9._\-/]/g;
const maxPartLength = 128;

/**
 * An id as one Redis key part: readable when short, `%XXXX` (the UTF-16 code unit in hex) for
 * every character outside `[A-Za-z0-9._-/]`, so two ids never share a key and no id can reach
 * into another part of the key; ids longer than 128 characters once escaped become `#` and their
 * SHA-256.
 */
export function escapeKeyPart(id: string): string {
  const escaped = id.replace(
    unsafeCharacter,
    (character) => `%${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped.length <= maxPartLength) return escaped;
  return `#${createHash('sha256').update(id).digest('hex')}`;
}

/** The Redis keys of one entity's limits, all under one prefix. */
export interface EntityKeys {
  /** Requests admitted in one minute window (a counter). */
  requests(minute: number): string;
  /** Tokens settled in one minute window (a counter). */
  tokens(minute: number): string;
  /** Sorted set of the in-flight request ids, scored by their lease expiry (ms). */
  inFlight: string;
  /** Hash beside it: request id → `tokens:cost` estimated by that request. */
  estimates: string;
  /** Live spend (USD) in one budget period (`all` when the budget never resets). */
  spend(period: string): string;
}

/**
 * Key names of an entity under `prefix`: `{prefix}:rpm:{scope}:{id}:{minute}`,
 * `{prefix}:tpm:…:{minute}`, `{prefix}:inflight:{scope}:{id}`, `{prefix}:estimates:{scope}:{id}`
 * and `{prefix}:spend:{scope}:{id}:{period}`, the id escaped.
 */
export function entityKeys(prefix: string, scope: LimitScope, id: string): EntityKeys {
  const entity = `${escapeKeyPart(scope)}:${escapeKeyPart(id)}`;
  return {
    requests: (minute) => `${prefix}:rpm:${entity}:${minute}`,
    tokens: (minute) => `${prefix}:tpm:${entity}:${minute}`,
    inFlight: `${prefix}:inflight:${entity}`,
    estimates: `${prefix}:estimates:${entity}`,
    spend: (period) => `${prefix}:spend:${entity}:${escapeKeyPart(period)}`,
  };
}
