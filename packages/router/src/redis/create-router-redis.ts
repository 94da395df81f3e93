import { Redis, type RedisOptions } from 'ioredis';

/** litellm's `router_settings` fields that point the router at Redis. */
export interface RouterRedisSettings {
  /** `redis://[user:password@]host[:port][/db]`, or `rediss://` for TLS. Wins over host/port. */
  redis_url?: string | undefined;
  redis_host?: string | undefined;
  /** Default 6379. */
  redis_port?: number | string | undefined;
  /** Used with `redis_host`, and with a `redis_url` that carries no password. */
  redis_password?: string | undefined;
}

export interface RouterRedisOptions {
  /** Give up a connection attempt after this long, in ms. Default 2 s. */
  connectTimeoutMs?: number;
  /**
   * ioredis rejects a command without a reply after this long, in ms, so commands to a Redis that
   * stopped answering do not pile up. Default 1 s (the router state's own bound is shorter).
   */
  commandTimeoutMs?: number;
  /** Shown by `CLIENT LIST`. Default `switchyard-router`. */
  connectionName?: string;
}

/** One invalid Redis setting; `path` names it as in the config file. */
export interface RouterRedisSettingsIssue {
  path: string;
  message: string;
}

/** The Redis settings are invalid; the message names every offending setting, never its value. */
export class RouterRedisSettingsError extends Error {
  readonly issues: readonly RouterRedisSettingsIssue[];

  constructor(issues: readonly RouterRedisSettingsIssue[]) {
    super(issues.map((issue) => `${issue.path}: ${issue.message}`).join('\n'));
    this.name = 'RouterRedisSettingsError';
    this.issues = issues;
  }
}

const digits = /^\d+$/;
const ipv6Brackets = /^\[|\]$/g;

function parsePort(value: unknown, path: string, issues: RouterRedisSettingsIssue[]): number | undefined {
  const port = typeof value === 'string' && digits.test(value) ? Number(value) : value;
  if (typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65_535) return port;
  issues.push({ path, message: 'must be a port number from 1 to 65535' });
  return undefined;
}

function fromUrl(
  url: unknown,
  password: string | undefined,
  issues: RouterRedisSettingsIssue[],
): RedisOptions | undefined {
  const path = 'router_settings.redis_url';
  let parsed: URL | undefined;
  try {
    if (typeof url === 'string') parsed = new URL(url);
  } catch {
    // reported below, without the value: it may hold a password
  }
  if (!parsed || (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') || parsed.hostname === '') {
    issues.push({ path, message: 'must be a redis:// or rediss:// URL with a host' });
    return undefined;
  }
  const options: RedisOptions = { host: parsed.hostname.replace(ipv6Brackets, '') };
  if (parsed.port !== '') options.port = Number(parsed.port);
  if (parsed.username !== '') options.username = decodeURIComponent(parsed.username);
  const urlPassword = parsed.password === '' ? undefined : decodeURIComponent(parsed.password);
  if (urlPassword ?? password) options.password = urlPassword ?? password;
  const database = parsed.pathname.replace(/^\//, '');
  if (database !== '') {
    if (digits.test(database)) options.db = Number(database);
    else issues.push({ path, message: 'the path must be a database number (e.g. redis://host:6379/0)' });
  }
  if (parsed.protocol === 'rediss:') options.tls = {};
  return options;
}

/**
 * The connection options `router_settings` asks for, or undefined when it names no Redis (no
 * `redis_url` and no `redis_host`). Throws {@link RouterRedisSettingsError} on invalid settings.
 */
export function routerRedisConnection(settings: RouterRedisSettings): RedisOptions | undefined {
  const issues: RouterRedisSettingsIssue[] = [];
  const { redis_url: url, redis_host: host, redis_port: port, redis_password: password } = settings;
  if (password !== undefined && typeof password !== 'string') {
    issues.push({ path: 'router_settings.redis_password', message: 'must be a string' });
  }
  const secret = typeof password === 'string' && password !== '' ? password : undefined;
  let connection: RedisOptions | undefined;
  if (url !== undefined && url !== '') {
    connection = fromUrl(url, secret, issues);
  } else if (host !== undefined && host !== '') {
    if (typeof host !== 'string')
      issues.push({ path: 'router_settings.redis_host', message: 'must be a string' });
    const portNumber = port === undefined ? 6379 : parsePort(port, 'router_settings.redis_port', issues);
    connection = { host: String(host), port: portNumber ?? 6379 };
    if (secret) connection.password = secret;
  } else if (port !== undefined) {
    issues.push({ path: 'router_settings.redis_port', message: 'needs redis_host (or use redis_url)' });
  }
  if (issues.length > 0) throw new RouterRedisSettingsError(issues);
  return connection;
}

/**
 * The ioredis client for the router's shared state, built from litellm's `router_settings`
 * (`redis_url`, or `redis_host`, `redis_port`, `redis_password`; TLS for `rediss://`), or
 * undefined when the settings name no Redis. It connects in the background and fails fast while
 * Redis is unreachable (no offline queue, one retry per request, bounded connect and command
 * times), reconnecting with a capped backoff; the router state answers from local state meanwhile.
 * Close it with `closeRouterRedis`.
 */
export function createRouterRedis(
  settings: RouterRedisSettings,
  options: RouterRedisOptions = {},
): Redis | undefined {
  const connection = routerRedisConnection(settings);
  if (!connection) return undefined;
  const redis = new Redis({
    ...connection,
    connectionName: options.connectionName ?? 'switchyard-router',
    connectTimeout: options.connectTimeoutMs ?? 2_000,
    commandTimeout: options.commandTimeoutMs ?? 1_000,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    retryStrategy: (attempt) => Math.min(attempt * 100, 2_000),
  });
  // Connection errors surface through the commands (and the router state's one warning); without
  // a listener ioredis would print each reconnect failure to the console.
  redis.on('error', () => {});
  return redis;
}
