import { randomUUID } from 'node:crypto';
import type { SqlDatabase, SqlDialect } from './sql-database.js';

/** What the query modules share: the database, the clock and the few dialect differences. */
export interface SqlContext {
  db: SqlDatabase;
  now: () => Date;
  newId: () => string;
  /** Appended to a SELECT that reads rows a transaction then rewrites. */
  forUpdate: string;
  /** A subquery yielding the strings of a JSON array parameter, for `x IN (…)`. */
  jsonList(placeholder: string): string;
}

const dialects: Record<SqlDialect, Pick<SqlContext, 'forUpdate' | 'jsonList'>> = {
  // SQLite serialises writers (BEGIN IMMEDIATE), so rows read in a transaction cannot change under it.
  sqlite: { forUpdate: '', jsonList: (placeholder) => `SELECT value FROM json_each(${placeholder})` },
  postgres: {
    forUpdate: ' FOR UPDATE',
    jsonList: (placeholder) => `SELECT jsonb_array_elements_text(${placeholder}::jsonb)`,
  },
};

export function sqlContext(db: SqlDatabase, now: () => Date, newId: () => string = randomUUID): SqlContext {
  return { db, now, newId, ...dialects[db.dialect] };
}
