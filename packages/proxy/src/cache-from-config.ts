import { type CacheSettings, litellmCallTypes } from '@switchyard/cache';
import type { CacheCallType } from '@switchyard/core';
import { ConfigError, type LitellmSettings } from './config/index.js';

export interface CacheFromConfig {
  /** Everything but the logger, which the caller adds. */
  settings: CacheSettings;
  /** What to tell the operator at start-up, e.g. `redis at 127.0.0.1:6379`; no secrets. */
  description: string;
  /** Secrets in the settings (the Redis password) for the logger to scrub. */
  secrets: string[];
}

const PATH = 'litellm_settings.cache_params';

function supportedCallTypes(names: ReadonlyArray<string> | undefined): CacheCallType[] | undefined {
  if (names === undefined) return undefined;
  const types = names.map((name) => litellmCallTypes[name]).filter((type) => type != null);
  return [...new Set(types)];
}

function envPort(value: string | undefined, source: string): number | undefined {
  if (value === undefined || value === '') return undefined;
  const port = Number(value);
  if (Number.isInteger(port) && port > 0 && port < 65_536) return port;
  throw new ConfigError(source, [{ path: `${PATH}.port`, message: 'REDIS_PORT must be a port number' }]);
}

function envUrl(value: string | undefined, source: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (URL.canParse(value) && ['redis:', 'rediss:'].includes(new URL(value).protocol)) return value;
  throw new ConfigError(source, [
    { path: `${PATH}.url`, message: 'REDIS_URL must be a redis:// or rediss:// URL' },
  ]);
}

/**
 * The response cache `litellm_settings.cache: true` asks for, configured by `cache_params`:
 * `type: redis` (host, port, password, url, … falling back to litellm's `REDIS_*` variables) or
 * `local`; without a `type`, Redis when one is named there or in the environment (litellm's
 * proxy default), else the in-memory cache. Undefined when the cache is off.
 */
export function cacheFromConfig(
  litellm: LitellmSettings | undefined,
  env: Record<string, string | undefined>,
  source: string,
): CacheFromConfig | undefined {
  if (litellm?.cache !== true) return undefined;
  const params = litellm.cache_params ?? {};
  const redisNamed = Boolean(params.host || params.url || env.REDIS_HOST || env.REDIS_URL);
  const type = params.type ?? (redisNamed ? 'redis' : 'local');
  const settings: CacheSettings = { type };
  if (params.mode !== undefined) settings.mode = params.mode;
  if (params.namespace !== undefined) settings.namespace = params.namespace;
  const callTypes = supportedCallTypes(params.supported_call_types);
  if (callTypes !== undefined) settings.supportedCallTypes = callTypes;
  if (params.max_size_per_item !== undefined) settings.maxEntryBytes = params.max_size_per_item * 1024;
  const namespace = params.namespace ? `, namespace ${params.namespace}` : '';

  if (type === 'local') {
    const ttl = params.default_in_memory_ttl ?? params.ttl;
    if (ttl !== undefined) settings.ttl = ttl;
    settings.local = {};
    if (params.max_size_in_memory !== undefined) settings.local.maxEntries = params.max_size_in_memory;
    if (params.max_size_in_memory_bytes !== undefined)
      settings.local.maxBytes = params.max_size_in_memory_bytes;
    return { settings, description: `in memory${namespace}`, secrets: [] };
  }

  const ttl = params.default_in_redis_ttl ?? params.ttl;
  if (ttl !== undefined) settings.ttl = ttl;
  const redis: NonNullable<CacheSettings['redis']> = {};
  const url = params.url ?? (params.host ? undefined : envUrl(env.REDIS_URL, source));
  if (url !== undefined) redis.url = url;
  const host = params.host ?? (url ? undefined : env.REDIS_HOST || undefined);
  if (host !== undefined) redis.host = host;
  const port = params.port ?? envPort(env.REDIS_PORT, source);
  if (port !== undefined) redis.port = port;
  const username = params.username ?? (env.REDIS_USERNAME || undefined);
  if (username !== undefined) redis.username = username;
  const password = params.password ?? (env.REDIS_PASSWORD || undefined);
  if (password !== undefined) redis.password = password;
  if (params.db !== undefined) redis.db = params.db;
  if (params.ssl ?? env.REDIS_SSL?.toLowerCase() === 'true') redis.tls = true;
  if (params.socket_timeout !== undefined) redis.commandTimeoutMs = params.socket_timeout * 1000;
  if (params.socket_connect_timeout !== undefined)
    redis.connectTimeoutMs = params.socket_connect_timeout * 1000;
  settings.redis = redis;
  const where = url ? redactUrl(url) : `${host ?? '127.0.0.1'}:${port ?? 6379}`;
  const secrets = [
    password,
    url && URL.canParse(url) ? decodeURIComponent(new URL(url).password) : undefined,
  ];
  return {
    settings,
    description: `redis at ${where}${namespace}`,
    secrets: secrets.filter((secret): secret is string => Boolean(secret)),
  };
}

/** A Redis URL without its password. */
function redactUrl(url: string): string {
  if (!URL.canParse(url)) return 'the configured URL';
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
