import { escapeKeyPart } from '@switchyard/router';
import type { LimitScope } from '../limiter.js';

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
