import { BadRequestError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { cacheControlsFromHeader, cacheHeaders } from './cache-headers.js';

describe('Cache-Control request header', () => {
  it('reads no-cache, no-store, max-age and s-maxage, ignoring other directives', () => {
    expect(cacheControlsFromHeader(undefined)).toBeUndefined();
    expect(cacheControlsFromHeader('no-transform')).toBeUndefined();
    expect(cacheControlsFromHeader('No-Cache, no-store')).toEqual({ noCache: true, noStore: true });
    expect(cacheControlsFromHeader('max-age=60')).toEqual({ sMaxAge: 60 });
    expect(cacheControlsFromHeader('s-maxage="30", max-age=90, private')).toEqual({ sMaxAge: 30 });
  });

  it('refuses a malformed age with a 400', () => {
    expect(() => cacheControlsFromHeader('max-age=soon')).toThrow(BadRequestError);
    expect(() => cacheControlsFromHeader('s-maxage=-1')).toThrow(
      's-maxage must be a whole number of seconds',
    );
  });
});

describe('cache response headers', () => {
  it("sends litellm's cache key on a hit, and whether the cache answered when it was consulted", () => {
    expect(cacheHeaders({})).toEqual({});
    expect(cacheHeaders({ cacheHit: false })).toEqual({ 'x-litellm-cache-hit': 'False' });
    expect(cacheHeaders({ cacheHit: true, cacheKey: 'ns:abc' })).toEqual({
      'x-litellm-cache-hit': 'True',
      'x-litellm-cache-key': 'ns:abc',
    });
  });
});
