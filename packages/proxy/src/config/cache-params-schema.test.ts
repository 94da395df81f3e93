import { describe, expect, it } from 'vitest';
import { validateConfig } from './config-schema.js';

function issuesOf(value: unknown) {
  const result = validateConfig(value);
  if (result.ok) throw new Error('expected validation to fail');
  return result.issues;
}

describe('litellm_settings.cache_params', () => {
  it("accepts litellm's settings, coercing numbers and flags as pydantic does", () => {
    const result = validateConfig({
      litellm_settings: {
        cache: 'True',
        cache_params: {
          type: 'redis',
          host: 'cache.internal',
          port: '6380',
          password: 'secret',
          namespace: 'litellm.caching',
          ttl: '600',
          ssl: 'true',
          supported_call_types: ['acompletion', 'aembedding', 'atranscription'],
          max_size_per_item: 512,
          socket_timeout: '0.5',
          redis_startup_nodes: null,
        },
      },
    });
    expect(result.ok && result.config.litellm_settings).toEqual({
      cache: true,
      cache_params: {
        type: 'redis',
        host: 'cache.internal',
        port: 6380,
        password: 'secret',
        namespace: 'litellm.caching',
        ttl: 600,
        ssl: true,
        supported_call_types: ['acompletion', 'aembedding', 'atranscription'],
        max_size_per_item: 512,
        socket_timeout: 0.5,
        redis_startup_nodes: null,
      },
    });
  });

  it('names the path of every bad setting', () => {
    const at = (field: string) => `litellm_settings.cache_params.${field}`;
    expect(
      issuesOf({
        litellm_settings: {
          cache: 'sometimes',
          cache_params: {
            type: 's3',
            mode: 'always',
            port: 0,
            url: 'http://cache:6379',
            ttl: -1,
            supported_call_types: ['acompletion', 'image_generation'],
            max_size_in_memory: 1.5,
          },
        },
      }),
    ).toEqual([
      { path: 'litellm_settings.cache', message: 'Expected true or false, got a string' },
      {
        path: at('type'),
        message:
          'Switchyard caches in memory ("local") or in Redis ("redis"); other litellm cache types are not supported',
      },
      { path: at('mode'), message: 'Must be "default_on" or "default_off"' },
      { path: at('port'), message: 'Must be at least 1' },
      { path: at('url'), message: 'Must be a redis:// or rediss:// URL' },
      { path: at('ttl'), message: 'Must be greater than 0' },
      {
        path: `${at('supported_call_types')}[1]`,
        message: expect.stringContaining('Must be one of completion'),
      },
      { path: at('max_size_in_memory'), message: 'Expected a whole number, got a fractional number' },
    ]);
  });
});
