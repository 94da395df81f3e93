import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { migrate } from '../sql/migrate.js';
import { sqlContext } from '../sql/sql-context.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../store.js';
import { openSqliteDatabase } from './sqlite-database.js';
import { sqliteMigrations, sqliteVersionTable } from './sqlite-migrations.js';

export interface SqliteStoreOptions {
  /** The database file (created with its folder when missing), or `:memory:`. */
  path: string;
  /** How long a write waits for another connection's write lock (default 5,000 ms). */
  busyTimeoutMs?: number;
  now?: () => Date;
}

/** The newest schema version this build of the SQLite store knows. */
export const sqliteSchemaVersion = Math.max(...sqliteMigrations.map((migration) => migration.version));

function isFile(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

/**
 * The store on an embedded SQLite file (better-sqlite3): WAL journal, busy timeout, statements
 * prepared once. Migrations are applied before the store is returned; a file from a newer
 * Switchyard is refused with a `SchemaVersionError`. Meant for one process: every write takes the
 * file's single write lock (writes are short).
 */
export async function createSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const now = options.now ?? (() => new Date());
  if (isFile(options.path)) await mkdir(dirname(options.path), { recursive: true });
  const db = openSqliteDatabase(
    options.path,
    options.busyTimeoutMs === undefined ? {} : { busyTimeoutMs: options.busyTimeoutMs },
  );
  try {
    await migrate(db, { migrations: sqliteMigrations, createVersionTable: sqliteVersionTable, now });
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(sqlContext(db, now));
}
