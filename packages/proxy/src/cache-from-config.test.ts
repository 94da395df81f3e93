import { describe, expect, it } from 'vitest';
import { cacheFromConfig } from './cache-from-config.js';
import { ConfigError } from './config/index.js';

describe('cacheFromConfig', () => {
  it('is off unless litellm_settings.cache is true', () => {
    expect(cacheFromConfig(undefined, {}, 'c')).toBeUndefined();
    expect(cacheFromConfig({ cache: false, cache_params: { type: 'local' } }, {}, 'c')).toBeUndefined();
  });

  it('defaults to the in-memory cache, with litellm names mapped', () => {
    const result = cacheFromConfig(
      {
        cache: true,
        cache_params: {
          ttl: 60,
          default_in_memory_ttl: 30,
          max_size_in_memory: 100,
          max_size_in_memory_bytes: 4096,
          max_size_per_item: 2,
          mode: 'default_off',
          namespace: 'ns',
          supported_call_types: ['acompletion', 'completion', 'embedding', 'atranscription'],
        },
      },
      {},
      'c',
    );
    expect(result).toEqual({
      settings: {
        type: 'local',
        ttl: 30,
        mode: 'default_off',
        namespace: 'ns',
        supportedCallTypes: ['completion', 'embedding'],
        maxEntryBytes: 2048,
        local: { maxEntries: 100, maxBytes: 4096 },
      },
      description: 'in memory, namespace ns',
      secrets: [],
    });
  });

  it("uses Redis when one is named, in cache_params or litellm's REDIS_* variables", () => {
    const fromParams = cacheFromConfig(
      {
        cache: true,
        cache_params: {
          host: 'cache',
          port: 6380,
          password: 'pw',
          default_in_redis_ttl: 9,
          socket_timeout: 0.25,
        },
      },
      {},
      'c',
    );
    expect(fromParams).toMatchObject({
      settings: {
        type: 'redis',
        ttl: 9,
        redis: { host: 'cache', port: 6380, password: 'pw', commandTimeoutMs: 250 },
      },
      description: 'redis at cache:6380',
      secrets: ['pw'],
    });
    const fromEnv = cacheFromConfig(
      { cache: true },
      { REDIS_URL: 'rediss://user:p%40ss@cache.example:6390/2', REDIS_SSL: 'True' },
      'c',
    );
    expect(fromEnv).toMatchObject({
      settings: { type: 'redis', redis: { url: 'rediss://user:p%40ss@cache.example:6390/2', tls: true } },
      description: 'redis at rediss://user:***@cache.example:6390/2',
      secrets: ['p@ss'],
    });
    expect(
      cacheFromConfig(
        { cache: true, cache_params: { type: 'redis' } },
        { REDIS_HOST: 'h', REDIS_PORT: '7000' },
        'c',
      ),
    ).toMatchObject({ settings: { redis: { host: 'h', port: 7000 } }, description: 'redis at h:7000' });
    // type: redis and nothing else: Redis's own default address, as litellm (redis-py) does.
    expect(cacheFromConfig({ cache: true, cache_params: { type: 'redis' } }, {}, 'c')?.description).toBe(
      'redis at 127.0.0.1:6379',
    );
  });

  it('refuses unusable REDIS_* variables, naming the setting', () => {
    expect(() =>
      cacheFromConfig({ cache: true, cache_params: { type: 'redis' } }, { REDIS_PORT: 'x' }, 'c.yaml'),
    ).toThrow(ConfigError);
    expect(() => cacheFromConfig({ cache: true }, { REDIS_URL: 'http://cache' }, 'c.yaml')).toThrow(
      'c.yaml: litellm_settings.cache_params.url: REDIS_URL must be a redis:// or rediss:// URL',
    );
  });
});
