import { Redis, type RedisOptions } from 'ioredis';

/** Where the shared cache's Redis is (litellm's `cache_params` host, port, password, url …). */
export interface RedisConnectionOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` (TLS); host and port below override it. */
  url?: string;
  host?: string;
  port?: number;
  username?: string;
  password?: string;
  db?: number;
  /** TLS (litellm's `ssl`); implied by a `rediss://` URL. */
  tls?: boolean;
  /** Per-command limit in ms. Default 500. */
  commandTimeoutMs?: number;
  /** Limit for (re)connecting in ms. Default 2000. */
  connectTimeoutMs?: number;
}

/**
 * An ioredis client for a shared dependency on the request path: commands never wait in an
 * offline queue (a down Redis fails them at once), each has a time limit, and reconnecting goes on
 * in the background with capped backoff so the cache comes back by itself.
 */
export function createRedisClient(connection: RedisConnectionOptions): Redis {
  const options: RedisOptions = {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: connection.commandTimeoutMs ?? 500,
    connectTimeout: connection.connectTimeoutMs ?? 2_000,
    retryStrategy: (attempt) => Math.min(100 * 2 ** Math.min(attempt, 5), 2_000),
    lazyConnect: false,
  };
  if (connection.host !== undefined) options.host = connection.host;
  if (connection.port !== undefined) options.port = connection.port;
  if (connection.username !== undefined) options.username = connection.username;
  if (connection.password !== undefined) options.password = connection.password;
  if (connection.db !== undefined) options.db = connection.db;
  if (connection.tls === true) options.tls = {};
  return connection.url ? new Redis(connection.url, options) : new Redis(options);
}
