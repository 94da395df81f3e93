import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateKey, hashKey } from '../src/key-hash.js';
import {
  postgresMigrationBegin,
  postgresMigrations,
  postgresVersionTable,
} from '../src/postgres/postgres-migrations.js';
import { type Migration, type MigrationPlan, migrate } from '../src/sql/migrate.js';
import { sqliteMigrations, sqliteVersionTable } from '../src/sqlite/sqlite-migrations.js';
import { SchemaVersionError } from '../src/store-errors.js';
import { type TestDatabase, testBackends } from './test-databases.js';

const known = Math.max(...sqliteMigrations.map((migration) => migration.version));

const plans: Record<'sqlite' | 'postgres', Omit<MigrationPlan, 'now'>> = {
  sqlite: { migrations: sqliteMigrations, createVersionTable: sqliteVersionTable },
  postgres: {
    migrations: postgresMigrations,
    createVersionTable: postgresVersionTable,
    begin: postgresMigrationBegin(undefined),
  },
};

const tablesSql = {
  sqlite: `SELECT name AS table_name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sy\\_%' ESCAPE '\\' ORDER BY name`,
  postgres: `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name`,
};

describe.each(testBackends)('$name store: migrations', (backend) => {
  let database: TestDatabase;
  beforeEach(async () => {
    database = await backend.create();
  });
  afterEach(async () => {
    await database.drop();
  });

  const versions = async () =>
    (await database.sql('SELECT version, name FROM sy_schema_migrations ORDER BY version')).map((row) => ({
      version: Number(row.version),
      name: row.name,
    }));

  it('builds the whole schema on an empty database', async () => {
    await database.open();
    expect(await versions()).toEqual(
      plans[backend.name].migrations.map((migration) => ({
        version: migration.version,
        name: migration.name,
      })),
    );
    const tables = (await database.sql(tablesSql[backend.name])).map((row) => row.table_name);
    expect(tables).toEqual([
      'sy_daily_spend',
      'sy_deleted_keys',
      'sy_keys',
      'sy_schema_migrations',
      'sy_spend_logs',
      'sy_team_members',
      'sy_teams',
      'sy_users',
    ]);
  });

  it('keeps data across a restart and applies nothing twice', async () => {
    const first = await database.open();
    const token = hashKey(generateKey());
    await first.createKey({ token, key_alias: 'survivor' });
    await first.recordSpendBatch([
      { request_id: 'r', api_key: token, spend: 1, startTime: new Date(), endTime: new Date() },
    ]);
    await first.close();
    const second = await database.open();
    expect(await second.getKey(token)).toMatchObject({ key_alias: 'survivor', spend: 1 });
    expect(await versions()).toHaveLength(known);
  });

  it('refuses a schema newer than it knows, and leaves it untouched', async () => {
    const store = await database.open();
    const token = hashKey(generateKey());
    await store.createKey({ token });
    await store.close();
    await database.sql('INSERT INTO sy_schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [
      known + 2,
      'from the future',
      new Date(),
    ]);
    const error = await database.open().then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect((error as Error).message).toBe(
      `database schema version ${known + 2} is newer than this Switchyard (knows up to ${known}); upgrade Switchyard`,
    );
    expect((await versions()).at(-1)).toEqual({ version: known + 2, name: 'from the future' });
    expect(await database.sql('SELECT token FROM sy_keys')).toEqual([{ token }]);
  });

  it('migrates once when several replicas start together on an empty database', async () => {
    const stores = await Promise.all([database.open(), database.open(), database.open()]);
    expect(await versions()).toHaveLength(known);
    const token = hashKey(generateKey());
    await stores[0]!.createKey({ token });
    expect(await stores[2]!.getKey(token)).not.toBeNull();
  });

  it('applies only the new steps of a later version, in one transaction', async () => {
    await database.open();
    const db = database.connect();
    const plan = plans[backend.name];
    const next: Migration = {
      version: known + 1,
      name: 'add a column',
      statements: ['ALTER TABLE sy_keys ADD COLUMN soft_budget REAL'],
    };
    const now = () => new Date();
    expect(await migrate(db, { ...plan, migrations: [...plan.migrations, next], now })).toEqual({
      from: known,
      to: known + 1,
    });
    const broken: Migration = {
      version: known + 2,
      name: 'fails half-way',
      statements: ['CREATE TABLE sy_half (id TEXT)', 'ALTER TABLE sy_missing ADD COLUMN x TEXT'],
    };
    await expect(
      migrate(db, { ...plan, migrations: [...plan.migrations, next, broken], now }),
    ).rejects.toThrow();
    expect((await versions()).map((row) => row.version).at(-1)).toBe(known + 1);
    const tables = (await database.sql(tablesSql[backend.name])).map((row) => row.table_name);
    expect(tables).not.toContain('sy_half');
  });
});

describe('migrations of both backends', () => {
  it('have the same versions and names', () => {
    const describe = (migrations: ReadonlyArray<Migration>) =>
      migrations.map((migration) => [migration.version, migration.name, migration.statements.length]);
    expect(describe(postgresMigrations)).toEqual(describe(sqliteMigrations));
  });

  it('create the same tables and columns', async () => {
    const columns: Record<string, string[]> = {};
    for (const backend of testBackends) {
      const database = await backend.create();
      try {
        await database.open();
        const rows =
          backend.name === 'sqlite'
            ? await database.sql(
                `SELECT m.name AS table_name, p.name AS column_name FROM sqlite_master m, pragma_table_info(m.name) p
                 WHERE m.type = 'table' ORDER BY m.name, p.name`,
              )
            : await database.sql(
                `SELECT table_name, column_name FROM information_schema.columns
                 WHERE table_schema = current_schema() ORDER BY table_name, column_name`,
              );
        columns[backend.name] = rows.map((row) => `${row.table_name}.${row.column_name}`).sort();
      } finally {
        await database.drop();
      }
    }
    expect(columns.postgres).toEqual(columns.sqlite);
    expect(columns.sqlite?.length).toBeGreaterThan(100);
  });
});
