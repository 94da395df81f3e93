import pg from 'pg';
import { migrate } from '../sql/migrate.js';
import { sqlContext } from '../sql/sql-context.js';
import { createSqlStore } from '../sql/sql-store.js';
import type { Store } from '../store.js';
import { type PgPoolLike, postgresDatabase } from './postgres-database.js';
import { postgresMigrationBegin, postgresMigrations, postgresVersionTable } from './postgres-migrations.js';

export interface PostgresStoreOptions {
  /**
   * A `postgres://` or `postgresql://` URL (`DATABASE_URL`). A `schema` query parameter, as in
   * litellm's Prisma URLs, selects the schema like the `schema` option.
   */
  connectionString?: string;
  /** A pool of your own instead of a URL; it is left open by `close()`. Set its search_path yourself. */
  pool?: PgPoolLike;
  /** Schema of the tables, created when missing (default: the connection's search_path). */
  schema?: string;
  /** Pool size (default 10). */
  maxConnections?: number;
  /** Connecting gives up after this long (default 10,000 ms). */
  connectTimeoutMs?: number;
  /** The server cancels a statement running longer (default 30,000 ms). */
  statementTimeoutMs?: number;
  /** Errors of idle pooled connections (default: ignored; the pool replaces the connection). */
  onError?: (error: Error) => void;
  now?: () => Date;
}

/** The newest schema version this build of the PostgreSQL store knows. */
export const postgresSchemaVersion = Math.max(...postgresMigrations.map((migration) => migration.version));

const schemaPattern = /^[a-z_][a-z0-9_]{0,62}$/;
const schemaParameter = /[?&]schema=/;
const int8Oid = 20;
const numericOid = 1700;

/** bigint and numeric as JavaScript numbers (counters and sums stay far below 2^53). */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if ((oid === int8Oid || oid === numericOid) && format !== 'binary') return Number;
    return pg.types.getTypeParser(oid, format);
  },
};

function splitSchema(connectionString: string): { connectionString: string; schema?: string } {
  if (!schemaParameter.test(connectionString)) return { connectionString };
  const url = new URL(connectionString);
  const schema = url.searchParams.get('schema') ?? undefined;
  url.searchParams.delete('schema');
  return schema === undefined
    ? { connectionString: url.toString() }
    : { connectionString: url.toString(), schema };
}

function checkSchema(schema: string): void {
  if (!schemaPattern.test(schema)) {
    throw new Error(
      `schema: ${JSON.stringify(schema)} is not a plain schema name (lowercase letters, digits and _, not starting with a digit)`,
    );
  }
}

function openPool(options: PostgresStoreOptions): { pool: PgPoolLike; schema?: string } {
  if (options.pool) {
    if (options.schema) throw new Error('schema: set the search_path of an injected pool yourself');
    return { pool: options.pool };
  }
  if (!options.connectionString) throw new Error('connectionString: required (or pass a pool)');
  const split = splitSchema(options.connectionString);
  const schema = options.schema ?? split.schema;
  if (schema !== undefined) checkSchema(schema);
  const pool = new pg.Pool({
    connectionString: split.connectionString,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    application_name: 'switchyard',
    types,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', options.onError ?? (() => undefined));
  return schema === undefined ? { pool } : { pool, schema };
}

/**
 * The store on PostgreSQL (`pg` pool): parameterised statements only, one transaction per
 * multi-row change. Migrations run before the store is returned, in a transaction holding an
 * advisory lock, so replicas starting together apply each migration once; a database from a newer
 * Switchyard is refused with a `SchemaVersionError`.
 */
export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const now = options.now ?? (() => new Date());
  const { pool, schema } = openPool(options);
  const db = postgresDatabase(pool, { ownsPool: options.pool === undefined });
  try {
    await migrate(db, {
      migrations: postgresMigrations,
      createVersionTable: postgresVersionTable,
      begin: postgresMigrationBegin(schema),
      now,
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return createSqlStore(sqlContext(db, now));
}
