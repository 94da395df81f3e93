import { createHash } from 'node:crypto';

// Characters kept as they are in a key part; everything else (`:` included, so parts cannot run
// into each other, and `%` and `#`, so the escaping stays injective) is written as %XXXX.
const unsafeCharacter = /[^A-Za-z0-9._\-/]/g;
const maxPartLength = 128;

/**
 * An id (a deployment, a key hash, a user or team id) as one Redis key part: readable when short, `%XXXX` (the UTF-16 code unit in
 * hex) for every character outside `[A-Za-z0-9._-/]`, so two ids never share a key and no id
 * can reach into another part of the key; ids longer than 128 characters once escaped become
 * `#` and their SHA-256.
 */
export function escapeKeyPart(id: string): string {
  const escaped = id.replace(
    unsafeCharacter,
    (character) => `%${character.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  if (escaped.length <= maxPartLength) return escaped;
  return `#${createHash('sha256').update(id).digest('hex')}`;
}

/** The Redis keys of the shared router state, all under one prefix. */
export interface RouterStateKeys {
  /** Failures of a deployment in one minute window (a counter). */
  failures(id: string, minute: number): string;
  /** Present while the deployment cools down (expires with the cooldown). */
  cooldown(id: string): string;
  /** Hash of in-flight counts, one field per router-state instance (process). */
  inFlight(id: string): string;
  /** Requests started in one minute window (a counter). */
  requests(id: string, minute: number): string;
  /** Tokens used in one minute window (a counter). */
  tokens(id: string, minute: number): string;
  /** Moving average of the latency. */
  latency(id: string): string;
  /** Moving average of the time to first token of streams. */
  ttft(id: string): string;
}

/** Key names under `prefix` (`{prefix}:cooldown:{id}` and so on, ids escaped). */
export function routerStateKeys(prefix: string): RouterStateKeys {
  return {
    failures: (id, minute) => `${prefix}:failures:${escapeKeyPart(id)}:${minute}`,
    cooldown: (id) => `${prefix}:cooldown:${escapeKeyPart(id)}`,
    inFlight: (id) => `${prefix}:inflight:${escapeKeyPart(id)}`,
    requests: (id, minute) => `${prefix}:requests:${escapeKeyPart(id)}:${minute}`,
    tokens: (id, minute) => `${prefix}:tokens:${escapeKeyPart(id)}:${minute}`,
    latency: (id) => `${prefix}:latency:${escapeKeyPart(id)}`,
    ttft: (id) => `${prefix}:ttft:${escapeKeyPart(id)}`,
  };
}
