import { describe, expect, it } from 'vitest';
import type { MockProvider, MockRoute } from './provider.js';
import { isSameRoutePath, resolveRoute } from './resolve-route.js';

const route = (method: string, path: string): MockRoute => ({ method, path, handle: async () => {} });

const provider = (pathPrefixes: string[], routes: MockRoute[]): MockProvider => ({
  name: 'test',
  pathPrefixes,
  routes,
  errorBody: () => ({}),
  invalidJson: () => ({ status: 400, body: {} }),
  routeNotFound: () => ({ status: 404, body: {} }),
  authenticate: () => undefined,
  responseHeaders: () => ({}),
});

describe('resolveRoute', () => {
  const chat = route('POST', '/chat/completions');
  const model = route('GET', '/models/:model');
  const optionalV1 = provider(['/v1', ''], [chat, model]);

  it('matches with and without an optional prefix', () => {
    expect(resolveRoute([optionalV1], 'POST', '/v1/chat/completions')?.route).toBe(chat);
    expect(resolveRoute([optionalV1], 'POST', '/chat/completions')?.route).toBe(chat);
    expect(resolveRoute([optionalV1], 'GET', '/v1/chat/completions')).toBeUndefined();
  });

  it('captures decoded path parameters', () => {
    expect(resolveRoute([optionalV1], 'GET', '/v1/models/ft%3Agpt-4o')?.params).toEqual({
      model: 'ft:gpt-4o',
    });
    expect(resolveRoute([optionalV1], 'GET', '/v1/models/')).toBeUndefined();
  });

  it('requires a mandatory prefix and falls through to the next provider', () => {
    const messages = route('POST', '/messages');
    const strict = provider(['/v1'], [messages]);

    expect(resolveRoute([strict, optionalV1], 'POST', '/messages')).toBeUndefined();
    expect(resolveRoute([strict, optionalV1], 'POST', '/v1/messages')?.route).toBe(messages);
    expect(resolveRoute([strict, optionalV1], 'POST', '/v1/chat/completions')?.route).toBe(chat);
  });

  it('compares rule paths with prefixes ignored', () => {
    expect(isSameRoutePath(optionalV1, '/chat/completions', '/v1/chat/completions')).toBe(true);
    expect(isSameRoutePath(optionalV1, '/v1/chat/completions', '/chat/completions')).toBe(true);
    expect(isSameRoutePath(optionalV1, '/v1/embeddings', '/v1/chat/completions')).toBe(false);
  });
});
