import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/error-classes.js';
import { parseBodyCacheControls, takeCacheControls } from './cache-controls.js';

describe('cache controls', () => {
  it("reads litellm's body names", () => {
    expect(
      parseBodyCacheControls({
        'no-cache': true,
        'no-store': false,
        ttl: 30,
        's-maxage': 5,
        namespace: 'team-a',
        'use-cache': true,
      }),
    ).toEqual({ noCache: true, noStore: false, ttl: 30, sMaxAge: 5, namespace: 'team-a', useCache: true });
    expect(parseBodyCacheControls({ 's-max-age': 7 })).toEqual({ sMaxAge: 7 });
  });

  it('refuses malformed controls with a 400 naming the field', () => {
    const cases: Array<[unknown, string]> = [
      [true, 'cache'],
      [{ ttl: 'soon' }, 'cache.ttl'],
      [{ ttl: 0 }, 'cache.ttl'],
      [{ 'no-cache': 'yes' }, 'cache.no-cache'],
      [{ no_cache: true }, 'cache'],
      [{ namespace: '' }, 'cache.namespace'],
    ];
    for (const [value, param] of cases) {
      let caught: unknown;
      try {
        parseBodyCacheControls(value);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(BadRequestError);
      expect((caught as BadRequestError).param).toBe(param);
      expect((caught as BadRequestError).message).toContain('no-cache, no-store');
    }
  });

  it('takes the body object out of the request and lets it override the call controls', () => {
    const request = { model: 'm', cache: { ttl: 9, 'no-store': true } };
    const { request: rest, controls } = takeCacheControls(request, { noCache: true, ttl: 1 });
    expect(rest).toEqual({ model: 'm' });
    expect(controls).toEqual({ noCache: true, ttl: 9, noStore: true });
    expect(request.cache).toBeDefined(); // the caller's object is left alone
    expect(takeCacheControls({ model: 'm' }, undefined)).toEqual({ request: { model: 'm' }, controls: {} });
    expect(takeCacheControls({ model: 'm', cache: null }, { ttl: 2 }).controls).toEqual({ ttl: 2 });
  });
});
