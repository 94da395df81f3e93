import { SchemaVersionError } from '../store-errors.js';
import type { SqlDatabase, SqlExecutor } from './sql-database.js';
import { toNumber } from './sql-values.js';

/** One forward-only schema step. Never drops or rewrites data; later versions only add. */
export interface Migration {
  version: number;
  name: string;
  statements: ReadonlyArray<string>;
}

export interface MigrationPlan {
  migrations: ReadonlyArray<Migration>;
  /** Creates the version table if missing (run under the lock). */
  createVersionTable: string;
  /**
   * Run first in the transaction: on PostgreSQL, lifting the statement timeout, taking the advisory
   * lock that makes concurrent starts apply each migration once, and creating the schema.
   */
  begin?: ReadonlyArray<string>;
  now: () => Date;
}

export interface MigrationResult {
  /** Schema version found (0 for an empty database). */
  from: number;
  /** Schema version now. */
  to: number;
}

export const versionTable = 'sy_schema_migrations';

async function currentVersion(tx: SqlExecutor): Promise<number> {
  const [row] = await tx.query(`SELECT MAX(version) AS version FROM ${versionTable}`);
  return row ? toNumber(row.version) : 0;
}

/**
 * Brings the schema up to the newest known version in one transaction, under a lock (SQLite:
 * BEGIN IMMEDIATE; PostgreSQL: an advisory lock), so replicas starting together do not race.
 * A database newer than this code is refused with a `SchemaVersionError` and left untouched.
 */
export async function migrate(db: SqlDatabase, plan: MigrationPlan): Promise<MigrationResult> {
  const known = plan.migrations.reduce((max, migration) => Math.max(max, migration.version), 0);
  return db.transaction(async (tx) => {
    for (const statement of plan.begin ?? []) await tx.query(statement);
    await tx.execute(plan.createVersionTable);
    const from = await currentVersion(tx);
    if (from > known) throw new SchemaVersionError(from, known);
    const pending = plan.migrations
      .filter((migration) => migration.version > from)
      .sort((a, b) => a.version - b.version);
    for (const migration of pending) {
      for (const statement of migration.statements) await tx.execute(statement);
      await tx.execute(`INSERT INTO ${versionTable} (version, name, applied_at) VALUES ($1, $2, $3)`, [
        migration.version,
        migration.name,
        plan.now(),
      ]);
    }
    return { from, to: Math.max(from, known) };
  });
}
