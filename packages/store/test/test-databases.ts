// The databases the shared behaviour suite runs on: a temporary SQLite file, and a schema of its
// own (sy_test_<random>) on the PostgreSQL server at DATABASE_URL (default 127.0.0.1:5432, db test),
// dropped afterwards, so runs can go in parallel and twice in a row.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createPostgresStore } from '../src/postgres/index.js';
import { postgresDatabase } from '../src/postgres/postgres-database.js';
import type { SqlDatabase } from '../src/sql/sql-database.js';
import { createSqliteStore } from '../src/sqlite/index.js';
import { openSqliteDatabase } from '../src/sqlite/sqlite-database.js';
import type { Store, StoreBackend } from '../src/store.js';

export const postgresUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

/** One empty database; `open` may be called several times (replicas, restarts). */
export interface TestDatabase {
  backend: StoreBackend;
  /** Where createStore finds it: a SQLite path, or a postgres URL with `?schema=`. */
  location: { sqlitePath: string } | { databaseUrl: string };
  open(options?: { now?: () => Date }): Promise<Store>;
  /**
   * Runs a statement directly, bypassing the store (to fake a newer schema, inspect tables, …),
   * with `$1, $2, …` placeholders on both backends.
   */
  sql(statement: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Runs several statements (no parameters) directly. */
  exec(script: string): Promise<void>;
  /** The store's own database layer on this database (closed by `drop`), for migration tests. */
  connect(): SqlDatabase;
  /** Closes the stores it opened and removes the database. */
  drop(): Promise<void>;
}

export interface TestBackend {
  name: StoreBackend;
  create(): Promise<TestDatabase>;
}

type Closable = Pick<Store, 'close'>;

function tracked(stores: Closable[], open: Promise<Store>): Promise<Store> {
  return open.then((store) => {
    stores.push(store);
    return store;
  });
}

async function createSqliteDatabase(): Promise<TestDatabase> {
  const folder = await mkdtemp(join(tmpdir(), 'switchyard-store-'));
  const path = join(folder, 'nested', 'switchyard.db');
  const stores: Closable[] = [];
  return {
    backend: 'sqlite',
    location: { sqlitePath: path },
    open: (options = {}) => tracked(stores, createSqliteStore({ path, ...options })),
    async sql(statement, params = []) {
      const db = new Database(path);
      try {
        // $1, $2, … as on PostgreSQL (in order), times as epoch milliseconds as the store keeps them
        const prepared = db.prepare(statement.replace(/\$\d+/g, '?'));
        const values = params.map((value) => (value instanceof Date ? value.getTime() : value));
        if (prepared.reader) return prepared.all(...values) as Record<string, unknown>[];
        prepared.run(...values);
        return [];
      } finally {
        db.close();
      }
    },
    connect() {
      const db = openSqliteDatabase(path);
      stores.push(db);
      return db;
    },
    async exec(script) {
      const db = new Database(path);
      try {
        db.exec(script);
      } finally {
        db.close();
      }
    },
    async drop() {
      try {
        await Promise.all(stores.map((store) => store.close()));
      } finally {
        await rm(folder, { recursive: true, force: true });
      }
    },
  };
}

async function createPostgresDatabase(): Promise<TestDatabase> {
  const schema = `sy_test_${randomBytes(6).toString('hex')}`;
  const stores: Closable[] = [];
  const separator = postgresUrl.includes('?') ? '&' : '?';
  async function withClient<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: postgresUrl, options: `-c search_path=${schema}` });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  return {
    backend: 'postgres',
    location: { databaseUrl: `${postgresUrl}${separator}schema=${schema}` },
    open: (options = {}) =>
      tracked(
        stores,
        createPostgresStore({ connectionString: postgresUrl, schema, maxConnections: 4, ...options }),
      ),
    sql: (statement, params = []) =>
      withClient(async (client) => (await client.query(statement, params)).rows),
    async exec(script) {
      await withClient((client) => client.query(script));
    },
    connect() {
      const pool = new pg.Pool({
        connectionString: postgresUrl,
        options: `-c search_path=${schema}`,
        max: 2,
      });
      const db = postgresDatabase(pool, { ownsPool: true });
      stores.push(db);
      return db;
    },
    async drop() {
      try {
        await Promise.all(stores.map((store) => store.close()));
      } finally {
        await withClient((client) => client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`));
      }
    },
  };
}

export const testBackends: TestBackend[] = [
  { name: 'sqlite', create: createSqliteDatabase },
  { name: 'postgres', create: createPostgresDatabase },
];

/** A clock tests move by hand. */
export interface TestClock {
  now: () => Date;
  set(time: Date | string): void;
  advance(ms: number): void;
}

export function testClock(start: Date | string = '2026-03-01T09:00:00.000Z'): TestClock {
  let current = new Date(start);
  return {
    now: () => new Date(current),
    set(time) {
      current = new Date(time);
    },
    advance(ms) {
      current = new Date(current.getTime() + ms);
    },
  };
}

/** A store with a test clock on a database of its own, emptied before each test. */
export interface StoreFixture {
  database: TestDatabase;
  store: Store;
  clock: TestClock;
}

const dataTables = [
  'sy_keys',
  'sy_deleted_keys',
  'sy_users',
  'sy_teams',
  'sy_team_members',
  'sy_spend_logs',
  'sy_daily_spend',
];
const clockStart = '2026-03-01T09:00:00.000Z';

/**
 * Registers hooks that open one database per describe block (creating a schema is slow on
 * PostgreSQL: its DDL commits wait for fsync) and empty its tables before each test; returns the
 * fixture of the running test.
 */
export function useStoreFixture(backend: TestBackend): () => StoreFixture {
  let fixture: StoreFixture | undefined;
  beforeAll(async () => {
    const database = await backend.create();
    const clock = testClock(clockStart);
    fixture = { database, clock, store: await database.open({ now: clock.now }) };
  });
  beforeEach(async () => {
    if (!fixture) return;
    fixture.clock.set(clockStart);
    await fixture.database.exec(dataTables.map((table) => `DELETE FROM ${table};`).join('\n'));
  });
  afterAll(async () => {
    await fixture?.database.drop();
  });
  return () => {
    if (!fixture) throw new Error('the store fixture is not open');
    return fixture;
  };
}
