import { setTimeout as sleep } from 'node:timers/promises';
import Database from 'better-sqlite3';
import {
  type SqlDatabase,
  type SqlExecutor,
  type SqlRow,
  type SqlValue,
  UniqueViolationError,
} from '../sql/sql-database.js';

export interface SqliteDatabaseOptions {
  /**
   * How long a statement or transaction keeps retrying while another connection holds the write
   * lock (default 5,000 ms). Retries wait on timers, so the event loop keeps running meanwhile.
   */
  busyTimeoutMs?: number;
}

interface Prepared {
  statement: Database.Statement;
  /** For each `?` in order, the index of the `$n` parameter it stands for. */
  order: number[];
}

const placeholder = /\$(\d+)/g;
const uniqueFailedPrefix = /^UNIQUE constraint failed: /;

function encode(value: SqlValue | undefined): unknown {
  if (value instanceof Date) return value.getTime();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value ?? null;
}

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'));
}

function translateError(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') {
    const message = error instanceof Error ? error.message : '';
    return new UniqueViolationError(message.replace(uniqueFailedPrefix, ''), error);
  }
  return error;
}

/**
 * better-sqlite3 behind the async `SqlDatabase` interface. Statements are prepared once and cached
 * by their text. better-sqlite3 is synchronous and the connection is one, so every call runs in
 * turn through a queue: a transaction holds the queue from BEGIN IMMEDIATE to COMMIT, and nothing
 * else can slip into it while it awaits. When another connection (another process) holds the write
 * lock, the statement or the whole transaction is tried again after a short timer.
 */
export function openSqliteDatabase(path: string, options: SqliteDatabaseOptions = {}): SqlDatabase {
  const busyTimeoutMs = Math.max(0, options.busyTimeoutMs ?? 5_000);
  const db = new Database(path);
  // Opening may wait (blocking, once, at start-up) for another process switching the file to WAL.
  db.pragma(`busy_timeout = ${Math.floor(busyTimeoutMs)}`);
  if (path !== ':memory:' && path !== '') db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // From now on no blocking busy handler: better-sqlite3 would wait inside the event loop, where the
  // holder of the lock (another connection of this process) could never finish. Busy work is
  // retried on timers instead (retryWhileBusy).
  db.pragma('busy_timeout = 0');

  const cache = new Map<string, Prepared>();
  function prepare(sql: string): Prepared {
    let prepared = cache.get(sql);
    if (!prepared) {
      const order: number[] = [];
      const text = sql.replace(placeholder, (_match, index: string) => {
        order.push(Number(index) - 1);
        return '?';
      });
      prepared = { statement: db.prepare(text), order };
      cache.set(sql, prepared);
    }
    return prepared;
  }
  function bind(prepared: Prepared, params: ReadonlyArray<SqlValue>): unknown[] {
    return prepared.order.map((index) => encode(params[index]));
  }

  const direct: SqlExecutor = {
    dialect: 'sqlite',
    async query(sql, params = []) {
      const prepared = prepare(sql);
      try {
        return prepared.statement.all(...bind(prepared, params)) as SqlRow[];
      } catch (error) {
        throw translateError(error);
      }
    },
    async execute(sql, params = []) {
      const prepared = prepare(sql);
      try {
        return prepared.statement.run(...bind(prepared, params)).changes;
      } catch (error) {
        throw translateError(error);
      }
    },
  };

  /** Runs `work` again while the database is locked by another connection, up to the timeout. */
  async function retryWhileBusy<T>(work: () => Promise<T>): Promise<T> {
    const deadline = Date.now() + busyTimeoutMs;
    for (let delay = 1; ; delay = Math.min(delay * 2, 50)) {
      try {
        return await work();
      } catch (error) {
        if (!isBusy(error) || Date.now() >= deadline) throw error;
        await sleep(delay);
      }
    }
  }

  let tail: Promise<unknown> = Promise.resolve();
  function serial<T>(work: () => Promise<T>): Promise<T> {
    const result = tail.then(work);
    tail = result.catch(() => undefined);
    return result;
  }

  let closed = false;
  return {
    dialect: 'sqlite',
    query: (sql, params) => serial(() => retryWhileBusy(() => direct.query(sql, params))),
    execute: (sql, params) => serial(() => retryWhileBusy(() => direct.execute(sql, params))),
    transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      return serial(() =>
        retryWhileBusy(async () => {
          prepare('BEGIN IMMEDIATE').statement.run();
          try {
            const result = await work(direct);
            prepare('COMMIT').statement.run();
            return result;
          } catch (error) {
            if (db.inTransaction) prepare('ROLLBACK').statement.run();
            throw error;
          }
        }),
      );
    },
    close() {
      return serial(async () => {
        if (closed) return;
        closed = true;
        cache.clear();
        db.close();
      });
    },
  };
}
