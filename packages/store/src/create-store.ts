import type { Store } from './store.js';
import { StoreDriverMissingError } from './store-errors.js';

export interface StoreConfig {
  /**
   * PostgreSQL URL (`DATABASE_URL`, `general_settings.database_url`). When set, the store is on
   * PostgreSQL and `sqlitePath` is ignored.
   */
  databaseUrl?: string;
  /** SQLite file (default `switchyard.db` in the working directory), or `:memory:`. */
  sqlitePath?: string;
  now?: () => Date;
}

/** Where the embedded store lives when nothing else is configured. */
export const defaultSqlitePath = 'switchyard.db';

const postgresUrl = /^postgres(?:ql)?:\/\//i;

async function load<T>(
  loader: () => Promise<T>,
  driver: 'better-sqlite3' | 'pg',
  backend: string,
): Promise<T> {
  try {
    return await loader();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    const message = error instanceof Error ? error.message : '';
    if (code === 'ERR_MODULE_NOT_FOUND' && message.includes(`'${driver}'`)) {
      throw new StoreDriverMissingError(driver, backend, error);
    }
    throw error;
  }
}

/**
 * Opens the store the configuration asks for, migrated and ready: PostgreSQL when `databaseUrl` is
 * set, else SQLite. Only the chosen backend's driver is loaded, so a SQLite deployment needs no
 * `pg` and a PostgreSQL one no `better-sqlite3`.
 */
export async function createStore(config: StoreConfig = {}): Promise<Store> {
  const databaseUrl = config.databaseUrl?.trim();
  const now = config.now;
  if (databaseUrl) {
    // The URL holds a password: errors never repeat it.
    if (!postgresUrl.test(databaseUrl)) {
      throw new Error('databaseUrl: expected a postgres:// or postgresql:// URL');
    }
    const { createPostgresStore } = await load(() => import('./postgres/index.js'), 'pg', 'PostgreSQL');
    return createPostgresStore(
      now ? { connectionString: databaseUrl, now } : { connectionString: databaseUrl },
    );
  }
  const path = config.sqlitePath?.trim() || defaultSqlitePath;
  const { createSqliteStore } = await load(() => import('./sqlite/index.js'), 'better-sqlite3', 'SQLite');
  return createSqliteStore(now ? { path, now } : { path });
}
