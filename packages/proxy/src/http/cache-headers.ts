import { BadRequestError, type CacheControls, type CallTrace } from '@switchyard/core';

// HTTP's request directives (RFC 9111 §5.2.1); a delta-seconds value may come quoted.
const DIRECTIVE = /^\s*([a-z-]+)\s*(?:=\s*"?([^",]*)"?)?\s*$/i;
const SECONDS = /^\d+$/;

/**
 * Cache controls from a `Cache-Control` request header: `no-cache` (do not answer from the cache),
 * `no-store` (do not store the answer), `max-age=N` and `s-maxage=N` (accept only an answer younger
 * than N seconds). Other directives are ignored, as HTTP caches do; a malformed age is a 400.
 */
export function cacheControlsFromHeader(header: string | undefined): CacheControls | undefined {
  if (!header) return undefined;
  const controls: CacheControls = {};
  for (const part of header.split(',')) {
    const match = DIRECTIVE.exec(part);
    if (!match) continue;
    const name = match[1]!.toLowerCase();
    if (name === 'no-cache') controls.noCache = true;
    else if (name === 'no-store') controls.noStore = true;
    else if (name === 'max-age' || name === 's-maxage') {
      const value = match[2]?.trim() ?? '';
      if (!SECONDS.test(value)) {
        throw new BadRequestError({
          message: `Cache-Control: ${name} must be a whole number of seconds, e.g. ${name}=300.`,
          code: 'invalid_cache_controls',
        });
      }
      controls.sMaxAge = Math.min(controls.sMaxAge ?? Number.POSITIVE_INFINITY, Number(value));
    }
  }
  return Object.keys(controls).length > 0 ? controls : undefined;
}

/**
 * Response headers telling whether the response cache answered: `x-litellm-cache-key` on a hit
 * (litellm's signal, the entry's key) and `x-litellm-cache-hit: True|False` whenever the cache was
 * consulted. None when the call was not cached at all.
 */
export function cacheHeaders(trace: CallTrace): Record<string, string> {
  if (trace.cacheHit === undefined) return {};
  if (!trace.cacheHit) return { 'x-litellm-cache-hit': 'False' };
  const headers: Record<string, string> = { 'x-litellm-cache-hit': 'True' };
  if (trace.cacheKey) headers['x-litellm-cache-key'] = trace.cacheKey;
  return headers;
}
