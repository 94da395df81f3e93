import {
  type SqlDatabase,
  type SqlExecutor,
  type SqlRow,
  type SqlValue,
  UniqueViolationError,
} from '../sql/sql-database.js';

interface PgResult {
  rows: SqlRow[];
  rowCount: number | null;
}

/** The part of a `pg` client the store uses. */
export interface PgClientLike {
  query(text: string, values?: unknown[]): Promise<PgResult>;
  release(destroy?: boolean | Error): void;
}

/** The part of a `pg.Pool` the store uses (so a pool can be injected without pg's types). */
export interface PgPoolLike {
  query(text: string, values?: unknown[]): Promise<PgResult>;
  connect(): Promise<PgClientLike>;
  end(): Promise<void>;
}

/** Deadlock and serialization failures: the whole transaction is safe to run again. */
const retryableCodes = new Set(['40P01', '40001']);
const maxAttempts = 3;

function errorCode(error: unknown): unknown {
  return (error as { code?: unknown } | null)?.code;
}

function translateError(error: unknown): unknown {
  if (errorCode(error) === '23505') {
    const constraint = (error as { constraint?: unknown }).constraint;
    return new UniqueViolationError(typeof constraint === 'string' ? constraint : 'unique index', error);
  }
  return error;
}

function executor(target: { query(text: string, values?: unknown[]): Promise<PgResult> }): SqlExecutor {
  return {
    dialect: 'postgres',
    async query(sql, params: ReadonlyArray<SqlValue> = []) {
      try {
        return (await target.query(sql, [...params])).rows;
      } catch (error) {
        throw translateError(error);
      }
    },
    async execute(sql, params: ReadonlyArray<SqlValue> = []) {
      try {
        return (await target.query(sql, [...params])).rowCount ?? 0;
      } catch (error) {
        throw translateError(error);
      }
    },
  };
}

/**
 * A `pg` pool behind the `SqlDatabase` interface. Statements are parameterised, never built from
 * values. A transaction runs on one pooled connection; on a deadlock or serialization failure it
 * is rolled back and run again (up to three times).
 */
export function postgresDatabase(pool: PgPoolLike, options: { ownsPool: boolean }): SqlDatabase {
  const onPool = executor(pool);
  let closed = false;
  return {
    ...onPool,
    async transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T> {
      for (let attempt = 1; ; attempt += 1) {
        const client = await pool.connect();
        let broken: Error | undefined;
        try {
          await client.query('BEGIN');
          const result = await work(executor(client));
          await client.query('COMMIT');
          return result;
        } catch (error) {
          try {
            await client.query('ROLLBACK');
          } catch (rollbackError) {
            broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
          }
          if (broken || attempt >= maxAttempts || !retryableCodes.has(String(errorCode(error)))) throw error;
        } finally {
          client.release(broken);
        }
      }
    },
    async close() {
      if (closed || !options.ownsPool) return;
      closed = true;
      await pool.end();
    },
  };
}
