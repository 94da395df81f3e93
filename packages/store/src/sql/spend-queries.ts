import { BadRequestError } from '@switchyard/core';
import type {
  CursorPage,
  NewSpendLog,
  SpendBatchResult,
  SpendLogFilter,
  SpendReportQuery,
  SpendTotalsFilter,
} from '../inputs.js';
import {
  type SpendDimension,
  type SpendLog,
  type SpendReportRow,
  type SpendTotals,
  spendDimensions,
} from '../records.js';
import { aggregateSpend, normalizeSpendLog, type RollupDelta } from '../spend-aggregation.js';
import { decodeCursor, encodeCursor, pageSize } from './pagination.js';
import type { SqlContext } from './sql-context.js';
import { type SqlDialect, SqlParams, type SqlRow, type SqlValue } from './sql-database.js';
import { whereClause } from './sql-helpers.js';
import {
  jsonText,
  toBool,
  toDate,
  toJsonObject,
  toNullableDate,
  toNullableText,
  toNumber,
  toStringArray,
  toText,
} from './sql-values.js';

type ColumnKind = 'text' | 'integer' | 'real' | 'boolean' | 'time' | 'json';

const logColumns: ReadonlyArray<[name: string, kind: ColumnKind]> = [
  ['request_id', 'text'],
  ['call_type', 'text'],
  ['api_key', 'text'],
  ['user_id', 'text'],
  ['team_id', 'text'],
  ['end_user', 'text'],
  ['model', 'text'],
  ['model_group', 'text'],
  ['model_id', 'text'],
  ['custom_llm_provider', 'text'],
  ['prompt_tokens', 'integer'],
  ['completion_tokens', 'integer'],
  ['total_tokens', 'integer'],
  ['cache_read_input_tokens', 'integer'],
  ['cache_creation_input_tokens', 'integer'],
  ['reasoning_tokens', 'integer'],
  ['spend', 'real'],
  ['cost_unknown', 'boolean'],
  ['start_time', 'time'],
  ['end_time', 'time'],
  ['completion_start_time', 'time'],
  ['status', 'text'],
  ['cache_hit', 'boolean'],
  ['request_tags', 'json'],
  ['metadata', 'json'],
];
const columnNames = logColumns.map(([name]) => name).join(', ');
const postgresTypes: Record<ColumnKind, string> = {
  text: 'text',
  integer: 'bigint',
  real: 'double precision',
  boolean: 'boolean',
  time: 'bigint',
  json: 'jsonb',
};

/**
 * One statement inserts a whole batch from a JSON array parameter (times as epoch milliseconds)
 * and returns the request ids it actually inserted; ids already stored are skipped.
 */
/**
 * SQLite: one prepared statement per log, in the batch's transaction. (A single statement over
 * `json_each` re-parses a row's JSON for each of its 25 `json_extract`s: about twice the CPU.)
 */
const insertLogSqlite = `INSERT INTO sy_spend_logs (${columnNames})
  VALUES (${logColumns.map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (request_id) DO NOTHING RETURNING request_id`;

/** A log's row for {@link insertLogSqlite}: JSON columns as JSON text, as `json_extract` gave them. */
function sqliteRow(log: SpendLog): SqlValue[] {
  const row = jsonRow(log);
  return logColumns.map(([name, kind]) => {
    const value = row[name];
    if (value === undefined || value === null) return null;
    return kind === 'json' ? jsonText(value) : (value as SqlValue);
  });
}

const insertLogsSql: Record<Exclude<SqlDialect, 'sqlite'>, string> = {
  postgres: `INSERT INTO sy_spend_logs (${columnNames})
    SELECT ${logColumns.map(([name, kind]) => (kind === 'time' ? `to_timestamp(x.${name} / 1000.0)` : `x.${name}`)).join(', ')}
    FROM jsonb_to_recordset($1::jsonb) AS x(${logColumns.map(([name, kind]) => `${name} ${postgresTypes[kind]}`).join(', ')})
    ON CONFLICT (request_id) DO NOTHING RETURNING request_id`,
};

const counterColumns = [
  'prompt_tokens',
  'completion_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'reasoning_tokens',
  'spend',
  'api_requests',
  'successful_requests',
  'failed_requests',
  'cost_unknown_requests',
] as const;
const rollupKey = [
  'date',
  'api_key',
  'user_id',
  'team_id',
  'model',
  'model_group',
  'custom_llm_provider',
] as const;
const rollupColumns = [...rollupKey, ...counterColumns, 'updated_at'];
const upsertRollupSql = `INSERT INTO sy_daily_spend (${rollupColumns.join(', ')})
  VALUES (${rollupColumns.map((_, index) => `$${index + 1}`).join(', ')})
  ON CONFLICT (${rollupKey.join(', ')}) DO UPDATE SET
  ${counterColumns.map((column) => `${column} = sy_daily_spend.${column} + excluded.${column}`).join(', ')},
  updated_at = excluded.updated_at`;

const addSpendSql = {
  keys: 'UPDATE sy_keys SET spend = spend + $2 WHERE token = $1',
  users: 'UPDATE sy_users SET spend = spend + $2 WHERE user_id = $1',
  teams: 'UPDATE sy_teams SET spend = spend + $2 WHERE team_id = $1',
};

/** A log as one element of the batch parameter: column names, times in epoch milliseconds. */
function jsonRow(log: SpendLog): Record<string, unknown> {
  return {
    request_id: log.request_id,
    call_type: log.call_type,
    api_key: log.api_key,
    user_id: log.user,
    team_id: log.team_id,
    end_user: log.end_user,
    model: log.model,
    model_group: log.model_group,
    model_id: log.model_id,
    custom_llm_provider: log.custom_llm_provider,
    prompt_tokens: log.prompt_tokens,
    completion_tokens: log.completion_tokens,
    total_tokens: log.total_tokens,
    cache_read_input_tokens: log.cache_read_input_tokens,
    cache_creation_input_tokens: log.cache_creation_input_tokens,
    reasoning_tokens: log.reasoning_tokens,
    spend: log.spend,
    cost_unknown: log.cost_unknown,
    start_time: log.startTime.getTime(),
    end_time: log.endTime.getTime(),
    completion_start_time: log.completionStartTime?.getTime() ?? null,
    status: log.status,
    cache_hit: log.cache_hit,
    request_tags: log.request_tags,
    metadata: log.metadata,
  };
}

function rollupValues(rollup: RollupDelta, now: Date) {
  return [
    ...rollupKey.map((column) => rollup[column]),
    ...counterColumns.map((column) => rollup[column]),
    now,
  ];
}

export async function recordSpendBatch(
  ctx: SqlContext,
  logs: ReadonlyArray<NewSpendLog>,
): Promise<SpendBatchResult> {
  const unique = new Map<string, SpendLog>();
  logs.forEach((input, index) => {
    const log = normalizeSpendLog(input, index);
    if (!unique.has(log.request_id)) unique.set(log.request_id, log);
  });
  if (unique.size === 0) return { inserted: 0, duplicates: logs.length };
  // Inserted in request_id order, so batches that overlap take the unique index's locks in the same
  // order and never deadlock each other.
  const ordered = [...unique.values()].sort((a, b) => (a.request_id < b.request_id ? -1 : 1));
  const inserted = await ctx.db.transaction(async (tx) => {
    const rows: SqlRow[] = [];
    if (tx.dialect === 'sqlite') {
      for (const log of ordered) rows.push(...(await tx.query(insertLogSqlite, sqliteRow(log))));
    } else {
      rows.push(...(await tx.query(insertLogsSql[tx.dialect], [jsonText(ordered.map(jsonRow))])));
    }
    const fresh = rows.map((row) => unique.get(toText(row.request_id))).filter((log) => log !== undefined);
    const aggregate = aggregateSpend(fresh);
    // Always keys, then users, then teams, then rollups, each sorted: concurrent batches take row
    // locks in one order and never deadlock.
    for (const [token, spend] of aggregate.keys) await tx.execute(addSpendSql.keys, [token, spend]);
    for (const [userId, spend] of aggregate.users) await tx.execute(addSpendSql.users, [userId, spend]);
    for (const [teamId, spend] of aggregate.teams) await tx.execute(addSpendSql.teams, [teamId, spend]);
    const now = ctx.now();
    for (const rollup of aggregate.rollups) await tx.execute(upsertRollupSql, rollupValues(rollup, now));
    return fresh.length;
  });
  return { inserted, duplicates: logs.length - inserted };
}

function spendLogFromRow(row: SqlRow): SpendLog {
  const startTime = toDate(row.start_time);
  const endTime = toDate(row.end_time);
  return {
    request_id: toText(row.request_id),
    call_type: toText(row.call_type),
    api_key: toText(row.api_key),
    user: toNullableText(row.user_id),
    team_id: toNullableText(row.team_id),
    end_user: toNullableText(row.end_user),
    model: toText(row.model),
    model_group: toNullableText(row.model_group),
    model_id: toNullableText(row.model_id),
    custom_llm_provider: toNullableText(row.custom_llm_provider),
    prompt_tokens: toNumber(row.prompt_tokens),
    completion_tokens: toNumber(row.completion_tokens),
    total_tokens: toNumber(row.total_tokens),
    cache_read_input_tokens: toNumber(row.cache_read_input_tokens),
    cache_creation_input_tokens: toNumber(row.cache_creation_input_tokens),
    reasoning_tokens: toNumber(row.reasoning_tokens),
    spend: toNumber(row.spend),
    cost_unknown: toBool(row.cost_unknown),
    startTime,
    endTime,
    completionStartTime: toNullableDate(row.completion_start_time),
    request_duration_ms: Math.max(0, endTime.getTime() - startTime.getTime()),
    status: row.status === 'failure' ? 'failure' : 'success',
    cache_hit: toBool(row.cache_hit),
    request_tags: toStringArray(row.request_tags),
    metadata: toJsonObject(row.metadata),
  };
}

export async function listSpendLogs(ctx: SqlContext, filter: SpendLogFilter): Promise<CursorPage<SpendLog>> {
  const params = new SqlParams();
  const conditions: string[] = [];
  const exact: Array<[column: string, value: string | undefined]> = [
    ['request_id', filter.request_id],
    ['api_key', filter.api_key],
    ['user_id', filter.user],
    ['team_id', filter.team_id],
    ['model', filter.model],
    ['model_group', filter.model_group],
    ['status', filter.status],
  ];
  for (const [column, value] of exact)
    if (value !== undefined) conditions.push(`${column} = ${params.add(value)}`);
  if (filter.start_time) conditions.push(`start_time >= ${params.add(filter.start_time)}`);
  if (filter.end_time) conditions.push(`start_time < ${params.add(filter.end_time)}`);
  if (filter.cursor) {
    const position = decodeCursor(filter.cursor);
    const time = params.add(position.time);
    conditions.push(
      `(start_time < ${time} OR (start_time = ${time} AND request_id < ${params.add(position.id)}))`,
    );
  }
  const limit = pageSize(filter.limit);
  const rows = await ctx.db.query(
    `SELECT ${columnNames} FROM sy_spend_logs${whereClause(conditions)}
     ORDER BY start_time DESC, request_id DESC LIMIT ${params.add(limit + 1)}`,
    params.values,
  );
  const items = rows.slice(0, limit).map(spendLogFromRow);
  const last = items[items.length - 1];
  return {
    items,
    next_cursor:
      rows.length > limit && last ? encodeCursor({ time: last.startTime, id: last.request_id }) : null,
  };
}

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

function checkDate(value: string | undefined, field: string): void {
  if (value === undefined) return;
  if (!datePattern.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) {
    throw new BadRequestError({ message: `${field}: expected a date as YYYY-MM-DD`, param: field });
  }
}

function rollupConditions(filter: SpendTotalsFilter, params: SqlParams): string[] {
  checkDate(filter.start_date, 'start_date');
  checkDate(filter.end_date, 'end_date');
  const conditions: string[] = [];
  if (filter.start_date) conditions.push(`date >= ${params.add(filter.start_date)}`);
  if (filter.end_date) conditions.push(`date <= ${params.add(filter.end_date)}`);
  const exact: Array<[column: string, value: string | undefined]> = [
    ['api_key', filter.api_key],
    ['user_id', filter.user_id],
    ['team_id', filter.team_id],
    ['model', filter.model],
    ['model_group', filter.model_group],
  ];
  for (const [column, value] of exact)
    if (value !== undefined) conditions.push(`${column} = ${params.add(value)}`);
  return conditions;
}

const sums = counterColumns.map((column) => `COALESCE(SUM(${column}), 0) AS ${column}`).join(', ');

function totalsFromRow(row: SqlRow | undefined): SpendTotals {
  const value = (column: (typeof counterColumns)[number]) => toNumber(row?.[column]);
  return {
    spend: value('spend'),
    prompt_tokens: value('prompt_tokens'),
    completion_tokens: value('completion_tokens'),
    total_tokens: value('prompt_tokens') + value('completion_tokens'),
    cache_read_input_tokens: value('cache_read_input_tokens'),
    cache_creation_input_tokens: value('cache_creation_input_tokens'),
    reasoning_tokens: value('reasoning_tokens'),
    api_requests: value('api_requests'),
    successful_requests: value('successful_requests'),
    failed_requests: value('failed_requests'),
    cost_unknown_requests: value('cost_unknown_requests'),
  };
}

export async function globalSpend(ctx: SqlContext, filter: SpendTotalsFilter): Promise<SpendTotals> {
  const params = new SqlParams();
  const conditions = rollupConditions(filter, params);
  const [row] = await ctx.db.query(
    `SELECT ${sums} FROM sy_daily_spend${whereClause(conditions)}`,
    params.values,
  );
  return totalsFromRow(row);
}

function checkDimensions(groupBy: ReadonlyArray<SpendDimension>): SpendDimension[] {
  const dimensions = [...new Set(groupBy)];
  for (const dimension of dimensions) {
    if (!(spendDimensions as ReadonlyArray<string>).includes(dimension)) {
      throw new BadRequestError({
        message: `group_by: ${JSON.stringify(dimension)} is not a dimension; use ${spendDimensions.join(', ')}`,
        param: 'group_by',
      });
    }
  }
  return dimensions;
}

export async function spendReport(ctx: SqlContext, query: SpendReportQuery): Promise<SpendReportRow[]> {
  const dimensions = checkDimensions(query.group_by);
  const params = new SqlParams();
  const conditions = rollupConditions(query, params);
  const groups = dimensions.join(', ');
  const rows = await ctx.db.query(
    dimensions.length === 0
      ? `SELECT ${sums} FROM sy_daily_spend${whereClause(conditions)}`
      : `SELECT ${groups}, ${sums} FROM sy_daily_spend${whereClause(conditions)} GROUP BY ${groups} ORDER BY ${groups}`,
    params.values,
  );
  return rows.map((row) => {
    const result: SpendReportRow = totalsFromRow(row);
    for (const dimension of dimensions) result[dimension] = toText(row[dimension]) || null;
    return result;
  });
}
