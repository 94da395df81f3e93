import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { createCache } from '@switchyard/cache';
import { createSwitchyard, modelTableVersion, type Provider, type Switchyard } from '@switchyard/core';
import { createRouterRedis, type RouterSettings } from '@switchyard/router';
import { createStore, defaultSqlitePath, type Store } from '@switchyard/store';
import { cacheFromConfig } from './cache-from-config.js';
import type { LoadedConfig } from './config/index.js';
import { createProxyApp } from './create-proxy-app.js';
import { deploymentsFromConfig } from './deployments-from-config.js';
import { createBudgetResetter } from './governance/budget-resetter.js';
import { createKeyInvalidation } from './governance/key-invalidation.js';
import { createKeyResolver } from './governance/key-resolver.js';
import { createMemoryLimiter, createRedisLimiter } from './governance/limits/index.js';
import { redisReady } from './governance/redis-ready.js';
import { createSpendLogWriter } from './governance/spend-log-writer.js';
import { loadCustomProviders } from './load-custom-providers.js';
import { createLogger, type Logger } from './logger.js';
import { accessGroupsFromDeployments } from './management/access-groups.js';
import { routerFromConfig, routerSettingsFromConfig, routerStateFromConfig } from './router-from-config.js';

export interface StartProxyOptions {
  config: LoadedConfig;
  /** First-party providers registered by the app; custom ones come from the config. */
  providers: ReadonlyArray<Provider>;
  port?: number;
  host?: string;
  /** Environment for the master key fallbacks (default process.env). */
  env?: Record<string, string | undefined>;
  logger?: Logger;
  version?: string;
  /** A store to use instead of the one the config names (left open on close). */
  store?: Store;
}

export type MasterKeySource = 'config' | 'environment' | 'generated';

export interface RunningProxy {
  url: string;
  port: number;
  host: string;
  masterKey: string;
  masterKeySource: MasterKeySource;
  gateway: Switchyard;
  store: Store;
  close(): Promise<void>;
}

/** Builds the gateway from a loaded config and serves the proxy over HTTP. */
export async function startProxy(options: StartProxyOptions): Promise<RunningProxy> {
  const { config, source } = options.config;
  const env = options.env ?? process.env;
  const custom = await loadCustomProviders(config.litellm_settings?.custom_provider_map ?? [], {
    baseDir: path.dirname(path.resolve(source)),
    source,
  });
  const providers = registry([...options.providers, ...custom]);
  const models = deploymentsFromConfig(config, new Set(providers.keys()), source);
  const { masterKey, masterKeySource } = resolveMasterKey(config.general_settings?.master_key, env);
  const cacheConfig = cacheFromConfig(config.litellm_settings, env, source);
  const logger =
    options.logger ??
    createLogger({
      json: config.litellm_settings?.json_logs === true,
      secrets: [masterKey, ...models.map((model) => model.apiKey), ...(cacheConfig?.secrets ?? [])],
    });
  // Everything opened below, closed in reverse order on shutdown or when start-up fails.
  const opened: Array<() => Promise<unknown>> = [];
  const closeAll = async () => {
    for (const close of opened.splice(0).reverse()) await close().catch(() => {});
  };
  try {
    const store = options.store ?? (await openStore(config, env, logger));
    if (!options.store) opened.push(() => store.close());
    const cache = cacheConfig && createCache({ ...cacheConfig.settings, logger });
    if (cache && cacheConfig) {
      opened.push(() => cache.close());
      // Bounded: a Redis that is down at start-up only means starting without the cache (fail-open).
      await cache.ready();
      logger.info(`response cache: ${cacheConfig.description}`);
    }
    const routerSettings = routerSettingsFromConfig(config);
    const state = routerStateFromConfig(routerSettings, logger, source);
    let gateway: Switchyard;
    try {
      gateway = createSwitchyard({
        providers: [...providers.values()],
        models,
        dropParams: config.litellm_settings?.drop_params === true,
        router: routerFromConfig(routerSettings, { logger, ...(state ? { state } : {}) }, source),
        ...(cache ? { cache } : {}),
      });
    } catch (error) {
      await state?.close();
      throw error;
    }
    // Closing the gateway closes the router and its state.
    opened.push(() => gateway.close());
    // Load the price table now rather than on the first request (it takes ~20 ms).
    modelTableVersion();
    const sizeMb = config.general_settings?.max_request_size_mb;
    const governance = await openGovernance(store, routerSettings, logger);
    opened.push(() => governance.close());
    const app = createProxyApp({
      gateway,
      store,
      keyResolver: governance.keyResolver,
      keyInvalidation: governance.keyInvalidation,
      governance: { limiter: governance.limiter, spendLogs: governance.spendLogs },
      accessGroups: accessGroupsFromDeployments(models),
      masterKey,
      logger,
      allowClientSideCredentials: config.general_settings?.allow_client_side_credentials === true,
      ...(sizeMb !== undefined ? { maxRequestBytes: Math.round(sizeMb * 1024 * 1024) } : {}),
      ...(options.version ? { version: options.version } : {}),
    });
    const host = options.host ?? '127.0.0.1';
    const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
      const started = serve({ fetch: app.fetch, port: options.port ?? 4000, hostname: host }, () =>
        resolve(started),
      );
      started.once('error', reject);
    });
    const port = (server.address() as AddressInfo).port;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      port,
      host,
      masterKey,
      masterKeySource,
      gateway,
      store,
      async close() {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          if ('closeAllConnections' in server) server.closeAllConnections();
        });
        await closeAll();
      },
    };
  } catch (error) {
    // Not serving (e.g. the port is taken): release connections so the process can exit.
    await closeAll();
    throw error;
  }
}

/** Key prefix of limits and budgets in Redis; replicas with the same config share it. */
export const limitsPrefix = 'switchyard:limits';

/**
 * Keys, limits, spend logs and budget resets on `store`. With Redis in `router_settings`, limits
 * and budgets are counted in Redis and key changes announced to every replica through pub/sub;
 * without it, in this process.
 */
async function openGovernance(store: Store, routerSettings: RouterSettings, logger: Logger) {
  const connect = (connectionName: string) => createRouterRedis(routerSettings, { connectionName });
  const limitsRedis = connect('switchyard-limits');
  const limiter = limitsRedis
    ? createRedisLimiter({ redis: limitsRedis, prefix: limitsPrefix, logger })
    : createMemoryLimiter();
  const keyResolver = createKeyResolver({ store });
  const publisher = limitsRedis ? connect('switchyard-keys-publish') : undefined;
  const subscriber = limitsRedis ? connect('switchyard-keys-subscribe') : undefined;
  const keyInvalidation = createKeyInvalidation({
    resolver: keyResolver,
    logger,
    ...(publisher ? { publisher } : {}),
    ...(subscriber ? { subscriber } : {}),
  });
  // Serve once Redis is connected (bounded): until then limits would count per process.
  const connected = await Promise.all(
    [limitsRedis, subscriber].map((redis) => (redis ? redisReady(redis, 2_000) : true)),
  );
  if (connected.includes(false)) {
    logger.warn('limits: Redis is not answering at start-up; limits count per process until it does');
  }
  const spendLogs = createSpendLogWriter({ store, logger });
  const budgets = createBudgetResetter({
    store,
    logger,
    onReset: () => keyInvalidation.announce('all'),
  });
  return {
    limiter,
    keyResolver,
    keyInvalidation,
    spendLogs,
    async close() {
      await budgets.close();
      // Written before the store closes (the store was opened first, so it closes last).
      await spendLogs.close();
      await keyInvalidation.close();
      await limiter.close();
      await limitsRedis?.quit().catch(() => limitsRedis.disconnect());
    },
  };
}

/**
 * The store the config names: PostgreSQL at `general_settings.database_url` (or `DATABASE_URL`),
 * else the SQLite file at `general_settings.database_path` (or `SWITCHYARD_DATABASE_PATH`; default
 * `switchyard.db` in the working directory).
 */
async function openStore(
  config: LoadedConfig['config'],
  env: Record<string, string | undefined>,
  logger: Logger,
): Promise<Store> {
  const databaseUrl = config.general_settings?.database_url ?? env.DATABASE_URL;
  if (databaseUrl) {
    const store = await createStore({ databaseUrl });
    logger.info('store: PostgreSQL');
    return store;
  }
  const sqlitePath =
    config.general_settings?.database_path ?? env.SWITCHYARD_DATABASE_PATH ?? defaultSqlitePath;
  const store = await createStore({ sqlitePath });
  logger.info(
    `store: SQLite at ${sqlitePath === ':memory:' ? 'memory (nothing kept)' : path.resolve(sqlitePath)}`,
  );
  return store;
}

/** Provider ids to providers; custom providers come last and may replace a first-party one. */
function registry(providers: ReadonlyArray<Provider>): Map<string, Provider> {
  return new Map(providers.map((provider) => [provider.id, provider]));
}

function resolveMasterKey(
  configured: string | undefined,
  env: Record<string, string | undefined>,
): { masterKey: string; masterKeySource: MasterKeySource } {
  if (configured) return { masterKey: configured, masterKeySource: 'config' };
  const fromEnv = env.SWITCHYARD_MASTER_KEY || env.LITELLM_MASTER_KEY;
  if (fromEnv) return { masterKey: fromEnv, masterKeySource: 'environment' };
  return { masterKey: `sk-${randomBytes(24).toString('base64url')}`, masterKeySource: 'generated' };
}
