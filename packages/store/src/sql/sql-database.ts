/** A value bound to a `$n` placeholder; JSON columns take JSON text. */
export type SqlValue = string | number | boolean | Date | null;

export type SqlRow = Record<string, unknown>;

export type SqlDialect = 'sqlite' | 'postgres';

/** Runs statements written with PostgreSQL's `$1, $2, …` placeholders. */
export interface SqlExecutor {
  readonly dialect: SqlDialect;
  /** Rows of a SELECT, or of a statement with RETURNING. */
  query(sql: string, params?: ReadonlyArray<SqlValue>): Promise<SqlRow[]>;
  /** Runs a statement and resolves to the number of rows it changed. */
  execute(sql: string, params?: ReadonlyArray<SqlValue>): Promise<number>;
}

/**
 * A connection (SQLite) or pool (PostgreSQL). `transaction` runs `work` on one connection inside
 * BEGIN … COMMIT, rolling back when it throws; `work` must use only the executor it is given.
 */
export interface SqlDatabase extends SqlExecutor {
  transaction<T>(work: (tx: SqlExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Builds a parameter list while a statement is assembled: `params.add(value)` returns `$n`. */
export class SqlParams {
  readonly values: SqlValue[] = [];

  add(value: SqlValue): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** A unique index refused a row; `detail` names the index or column (never the values). */
export class UniqueViolationError extends Error {
  readonly detail: string;

  constructor(detail: string, cause: unknown) {
    super(`unique constraint violated: ${detail}`, { cause });
    this.name = 'UniqueViolationError';
    this.detail = detail;
  }
}
