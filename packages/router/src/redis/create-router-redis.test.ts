import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { closeRouterRedis } from './close-router-redis.js';
import { createRouterRedis, RouterRedisSettingsError, routerRedisConnection } from './create-router-redis.js';

function issuesOf(settings: Parameters<typeof routerRedisConnection>[0]) {
  try {
    routerRedisConnection(settings);
  } catch (error) {
    if (error instanceof RouterRedisSettingsError) return { message: error.message, issues: error.issues };
    throw error;
  }
  throw new Error('expected a RouterRedisSettingsError');
}

describe('routerRedisConnection', () => {
  it('names no Redis when neither redis_url nor redis_host is set', () => {
    expect(routerRedisConnection({})).toBeUndefined();
    expect(routerRedisConnection({ redis_url: '', redis_password: 'x' })).toBeUndefined();
  });

  it('reads host, port and password', () => {
    expect(
      routerRedisConnection({ redis_host: 'redis.internal', redis_port: '6380', redis_password: 'pw' }),
    ).toEqual({
      host: 'redis.internal',
      port: 6380,
      password: 'pw',
    });
    expect(routerRedisConnection({ redis_host: 'redis.internal' })).toEqual({
      host: 'redis.internal',
      port: 6379,
    });
  });

  it('reads a redis:// url with user, password and database; the url wins over host and port', () => {
    expect(
      routerRedisConnection({
        redis_url: 'redis://app:p%40ss@10.0.0.5:6390/2',
        redis_host: 'ignored',
        redis_port: 1,
      }),
    ).toEqual({ host: '10.0.0.5', port: 6390, username: 'app', password: 'p@ss', db: 2 });
  });

  it('uses redis_password when the url has none, and the url password otherwise', () => {
    expect(routerRedisConnection({ redis_url: 'redis://cache', redis_password: 'pw' })).toEqual({
      host: 'cache',
      password: 'pw',
    });
    expect(routerRedisConnection({ redis_url: 'redis://:inurl@cache', redis_password: 'pw' })?.password).toBe(
      'inurl',
    );
  });

  it('turns on TLS for rediss://, and reads IPv6 hosts', () => {
    expect(routerRedisConnection({ redis_url: 'rediss://cache.example.com:6380' })).toEqual({
      host: 'cache.example.com',
      port: 6380,
      tls: {},
    });
    expect(routerRedisConnection({ redis_url: 'redis://[::1]:6379' })?.host).toBe('::1');
  });

  it('names each invalid setting without echoing its value', () => {
    const url = issuesOf({ redis_url: 'http://user:hunter2@cache:6379' });
    expect(url.issues).toEqual([
      { path: 'router_settings.redis_url', message: 'must be a redis:// or rediss:// URL with a host' },
    ]);
    expect(url.message).toBe('router_settings.redis_url: must be a redis:// or rediss:// URL with a host');
    expect(url.message).not.toContain('hunter2');
    expect(issuesOf({ redis_url: 'not a url' }).issues[0]?.path).toBe('router_settings.redis_url');
    expect(issuesOf({ redis_url: 'redis://cache/zero' }).issues[0]?.message).toMatch(/database number/);
    expect(issuesOf({ redis_host: 'cache', redis_port: 70_000 }).issues).toEqual([
      { path: 'router_settings.redis_port', message: 'must be a port number from 1 to 65535' },
    ]);
    expect(issuesOf({ redis_host: 'cache', redis_port: '63a' }).issues[0]?.path).toBe(
      'router_settings.redis_port',
    );
    expect(issuesOf({ redis_port: 6379 }).issues[0]).toEqual({
      path: 'router_settings.redis_port',
      message: 'needs redis_host (or use redis_url)',
    });
  });
});

describe('createRouterRedis', () => {
  it('is undefined without Redis settings', () => {
    expect(createRouterRedis({})).toBeUndefined();
  });

  it('connects to the Redis named by the settings and closes cleanly', async () => {
    const redis = createRouterRedis(
      { redis_host: '127.0.0.1', redis_port: 6379 },
      { connectionName: 'switchyard-test' },
    )!;
    await new Promise<void>((resolve) => redis.once('ready', () => resolve()));
    expect(await redis.ping()).toBe('PONG');
    expect(await redis.client('GETNAME')).toBe('switchyard-test');
    await closeRouterRedis(redis);
    expect(redis.status).toBe('end');
  });

  it('fails commands at once instead of queueing them while Redis is unreachable, and still closes', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const address = probe.address();
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    if (address === null || typeof address === 'string') throw new Error('no port');
    const redis = createRouterRedis({ redis_url: `redis://127.0.0.1:${address.port}` })!;
    // Refused at once by the client (no offline queue), not after waiting for a connection.
    await expect(redis.get('x')).rejects.toThrow(/enableOfflineQueue options is false/);
    const closing = performance.now();
    await closeRouterRedis(redis);
    expect(performance.now() - closing).toBeLessThan(2_000);
    // Closed means closed: no more reconnection attempts (they come every 100-200 ms otherwise).
    let attempts = 0;
    redis.on('reconnecting', () => {
      attempts += 1;
    });
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(attempts).toBe(0);
  });
});
