import type { Page, PageRequest } from '../inputs.js';
import { decodeCursor, encodeCursor, pageOffset, pageSize } from './pagination.js';
import { type SqlExecutor, type SqlParams, type SqlRow, UniqueViolationError } from './sql-database.js';
import { toDate, toNumber, toText } from './sql-values.js';

/** `INSERT INTO table (a, b) VALUES ($1, $2)` for fixed columns. */
export function insertSql(table: string, columns: ReadonlyArray<string>): string {
  const placeholders = columns.map((_, index) => `$${index + 1}`).join(', ');
  return `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`;
}

/** `UPDATE table SET a = $2, b = $3 WHERE id = $1` for fixed columns. */
export function updateSql(table: string, idColumn: string, columns: ReadonlyArray<string>): string {
  const assignments = columns.map((column, index) => `${column} = $${index + 2}`).join(', ');
  return `UPDATE ${table} SET ${assignments} WHERE ${idColumn} = $1`;
}

/** `column = $n`, or `column IS NULL` for null. Column names come from code, never from input. */
export function equals(params: SqlParams, column: string, value: string | boolean | null): string {
  return value === null ? `${column} IS NULL` : `${column} = ${params.add(value)}`;
}

export function whereClause(conditions: ReadonlyArray<string>): string {
  return conditions.length === 0 ? '' : ` WHERE ${conditions.join(' AND ')}`;
}

/** A list query over a table ordered by (created_at, id), stable for cursors. */
export interface ListQuery {
  table: string;
  idColumn: string;
  columns: string;
  conditions: string[];
  params: SqlParams;
}

/**
 * One page of rows in (created_at, id) order, with the total over all pages. A cursor continues
 * after the last row seen even when rows were added or removed meanwhile.
 */
export async function listPage(
  db: SqlExecutor,
  query: ListQuery,
  request: PageRequest,
): Promise<Page<SqlRow>> {
  const { table, idColumn, params } = query;
  const filterCount = params.values.length;
  const [count] = await db.query(
    `SELECT COUNT(*) AS total FROM ${table}${whereClause(query.conditions)}`,
    params.values.slice(0, filterCount),
  );
  const limit = pageSize(request.limit);
  const conditions = [...query.conditions];
  let offset = '';
  if (request.cursor) {
    const position = decodeCursor(request.cursor);
    const time = params.add(position.time);
    const id = params.add(position.id);
    conditions.push(`(created_at > ${time} OR (created_at = ${time} AND ${idColumn} > ${id}))`);
  } else if (pageOffset(request.offset) > 0) {
    offset = ` OFFSET ${params.add(pageOffset(request.offset))}`;
  }
  const rows = await db.query(
    `SELECT ${query.columns} FROM ${table}${whereClause(conditions)} ORDER BY created_at, ${idColumn} LIMIT ${params.add(limit + 1)}${offset}`,
    params.values,
  );
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return {
    items,
    total: toNumber(count?.total),
    next_cursor:
      rows.length > limit && last
        ? encodeCursor({ time: toDate(last.created_at), id: toText(last[idColumn]) })
        : null,
  };
}

/** Runs `work`, turning a unique-index violation into the store's conflict error. */
export async function onConflict<T>(work: () => Promise<T>, conflict: (detail: string) => Error): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof UniqueViolationError) throw conflict(error.detail);
    throw error;
  }
}
