import type { CacheKeyInput } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { cacheKey, fieldsOutsideKey } from './cache-key.js';
import { randomJson, seededRandom, shuffleKeys } from './test-utils/random-json.js';

const request = {
  model: 'gpt-group',
  messages: [{ role: 'user', content: 'Hello' }],
  temperature: 0.2,
};
const key = (input: Partial<CacheKeyInput> & Pick<CacheKeyInput, 'request'>, namespace?: string) =>
  cacheKey({ type: 'completion', ...input }, namespace);

describe('cacheKey', () => {
  it('is a SHA-256 hex digest, prefixed by the namespace (the request’s over the default)', () => {
    expect(key({ request })).toMatch(/^[0-9a-f]{64}$/);
    expect(key({ request }, 'team')).toMatch(/^team:[0-9a-f]{64}$/);
    expect(key({ request, namespace: 'mine' }, 'team')).toMatch(/^mine:[0-9a-f]{64}$/);
    expect(key({ request }, 'team').slice(5)).toBe(key({ request }));
  });

  it('ignores key order and the fields that do not change the answer', () => {
    const reordered = {
      temperature: 0.2,
      messages: [{ content: 'Hello', role: 'user' }],
      model: 'gpt-group',
    };
    expect(key({ request: reordered })).toBe(key({ request }));
    const delivery = {
      ...request,
      stream: true,
      stream_options: { include_usage: true },
      user: 'u-1',
      metadata: { trace: 'x' },
      cache: { ttl: 5 },
      timeout: 30,
      num_retries: 2,
    };
    expect(key({ request: delivery })).toBe(key({ request }));
    expect(fieldsOutsideKey.has('temperature')).toBe(false);
  });

  it('separates call types, scopes, per-call settings and every answer-changing field', () => {
    const keys = [
      key({ request }),
      key({ request, type: 'text_completion' }),
      key({ request, scope: 'team-a' }),
      key({ request, scope: 'team-b' }),
      key({ request, call: { apiBase: 'http://other' } }),
      key({ request: { ...request, model: 'other-group' } }),
      key({ request: { ...request, temperature: 0.3 } }),
      key({ request: { ...request, seed: 1 } }),
      key({ request: { ...request, tools: [{ type: 'function', function: { name: 'f' } }] } }),
      key({ request: { ...request, response_format: { type: 'json_object' } } }),
      key({ request: { ...request, reasoning_effort: 'high' } }),
      key({ request: { ...request, max_tokens: 5 } }),
      key({ request: { ...request, max_completion_tokens: 5 } }),
      key({ request: { ...request, some_provider_field: true } }),
      key({ request: { ...request, messages: [{ role: 'user', content: 'Hello!' }] } }),
      key({ request: { ...request, messages: [{ role: 'system', content: 'Hello' }] } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('never gives two different requests the same key, nor one request two keys (property)', () => {
    const random = seededRandom(424_242);
    const seen = new Map<string, unknown>();
    for (let run = 0; run < 3_000; run += 1) {
      const body = {
        model: `m${Math.floor(random() * 3)}`,
        messages: randomJson(random),
        extra: randomJson(random, 2),
      };
      const digest = key({ request: body });
      expect(key({ request: shuffleKeys(body, random) as Record<string, unknown> })).toBe(digest);
      if (seen.has(digest)) expect(seen.get(digest)).toEqual(body);
      seen.set(digest, body);
    }
    expect(seen.size).toBeGreaterThan(1_000);
  });
});
