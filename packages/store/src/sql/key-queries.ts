import { BadRequestError } from '@switchyard/core';
import type { DeleteOptions, KeyFilter, KeyRegeneration, KeyUpdate, NewKey, Page } from '../inputs.js';
import { isKeyHash } from '../key-hash.js';
import type { VirtualKey } from '../records.js';
import { StoreConflictError } from '../store-errors.js';
import { budgetColumns, budgetFromRow, budgetValues, mergeBudget, newBudget, pick } from './budget-fields.js';
import type { SqlContext } from './sql-context.js';
import { type SqlExecutor, SqlParams, type SqlRow, type SqlValue } from './sql-database.js';
import { equals, insertSql, listPage, onConflict, updateSql } from './sql-helpers.js';
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

const editableColumns = [
  ...budgetColumns,
  'key_alias',
  'models',
  'expires',
  'user_id',
  'team_id',
  'metadata',
  'tags',
  'allowed_routes',
  'blocked',
  'updated_at',
  'updated_by',
] as const;
const identityColumns = ['token', 'key_name', 'rotation_count', 'last_rotation_at'] as const;
const keyColumns = [...identityColumns, ...editableColumns, 'created_at', 'created_by'] as const;

const selectColumns = keyColumns.join(', ');
const insertKeySql = insertSql('sy_keys', keyColumns);
const updateKeySql = updateSql('sy_keys', 'token', editableColumns);
const regenerateKeySql = updateSql('sy_keys', 'token', [...identityColumns, ...editableColumns]);
const selectKeySql = `SELECT ${selectColumns} FROM sy_keys WHERE token = $1`;
const archiveKeySql = insertSql('sy_deleted_keys', [
  'id',
  'token',
  'key_alias',
  'user_id',
  'team_id',
  'spend',
  'key_data',
  'deleted_at',
  'deleted_by',
]);

export function keyFromRow(row: SqlRow): VirtualKey {
  return {
    token: toText(row.token),
    key_name: toNullableText(row.key_name),
    key_alias: toNullableText(row.key_alias),
    ...budgetFromRow(row),
    models: toStringArray(row.models),
    expires: toNullableDate(row.expires),
    user_id: toNullableText(row.user_id),
    team_id: toNullableText(row.team_id),
    metadata: toJsonObject(row.metadata),
    tags: toStringArray(row.tags),
    allowed_routes: toStringArray(row.allowed_routes),
    blocked: toBool(row.blocked),
    rotation_count: toNumber(row.rotation_count),
    last_rotation_at: toNullableDate(row.last_rotation_at),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
    created_by: toNullableText(row.created_by),
    updated_by: toNullableText(row.updated_by),
  };
}

function identityValues(key: VirtualKey): SqlValue[] {
  return [key.token, key.key_name, key.rotation_count, key.last_rotation_at];
}

function editableValues(key: VirtualKey): SqlValue[] {
  return [
    ...budgetValues(key),
    key.key_alias,
    jsonText(key.models),
    key.expires,
    key.user_id,
    key.team_id,
    jsonText(key.metadata),
    jsonText(key.tags),
    jsonText(key.allowed_routes),
    key.blocked,
    key.updated_at,
    key.updated_by,
  ];
}

function requireHash(token: string): void {
  if (!isKeyHash(token)) {
    throw new BadRequestError({
      message: 'token: expected the SHA-256 hex digest of the key (hashKey), never the key itself',
      param: 'token',
    });
  }
}

function keyConflict(detail: string): Error {
  return detail.includes('key_alias')
    ? new StoreConflictError({ message: 'key_alias: another key has this alias', param: 'key_alias' })
    : new StoreConflictError({ message: 'key: this key exists already', param: 'key' });
}

function mergeKey(current: VirtualKey, update: KeyUpdate, now: Date): VirtualKey {
  return {
    ...current,
    ...mergeBudget(current, update, now),
    key_alias: pick(current.key_alias, update.key_alias),
    models: pick(current.models, update.models),
    expires: pick(current.expires, update.expires),
    user_id: pick(current.user_id, update.user_id),
    team_id: pick(current.team_id, update.team_id),
    metadata: pick(current.metadata, update.metadata),
    tags: pick(current.tags, update.tags),
    allowed_routes: pick(current.allowed_routes, update.allowed_routes),
    blocked: pick(current.blocked, update.blocked),
    updated_at: now,
    updated_by: update.updated_by ?? null,
  };
}

export async function createKey(ctx: SqlContext, input: NewKey): Promise<VirtualKey> {
  requireHash(input.token);
  const now = ctx.now();
  const key: VirtualKey = {
    token: input.token,
    key_name: input.key_name ?? null,
    key_alias: input.key_alias ?? null,
    ...newBudget(input, now),
    models: input.models ?? [],
    expires: input.expires ?? null,
    user_id: input.user_id ?? null,
    team_id: input.team_id ?? null,
    metadata: input.metadata ?? {},
    tags: input.tags ?? [],
    allowed_routes: input.allowed_routes ?? [],
    blocked: input.blocked ?? false,
    rotation_count: 0,
    last_rotation_at: null,
    created_at: now,
    updated_at: now,
    created_by: input.created_by ?? null,
    updated_by: input.created_by ?? null,
  };
  await onConflict(
    () =>
      ctx.db.execute(insertKeySql, [
        ...identityValues(key),
        ...editableValues(key),
        key.created_at,
        key.created_by,
      ]),
    keyConflict,
  );
  return key;
}

export async function getKey(db: SqlExecutor, token: string, forUpdate = ''): Promise<VirtualKey | null> {
  const [row] = await db.query(selectKeySql + forUpdate, [token]);
  return row ? keyFromRow(row) : null;
}

export async function listKeys(ctx: SqlContext, filter: KeyFilter): Promise<Page<VirtualKey>> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter.user_id !== undefined) conditions.push(equals(params, 'user_id', filter.user_id));
  if (filter.team_id !== undefined) conditions.push(equals(params, 'team_id', filter.team_id));
  if (filter.key_alias !== undefined) conditions.push(equals(params, 'key_alias', filter.key_alias));
  if (filter.blocked !== undefined) conditions.push(equals(params, 'blocked', filter.blocked));
  const page = await listPage(
    ctx.db,
    { table: 'sy_keys', idColumn: 'token', columns: selectColumns, conditions, params },
    filter,
  );
  return { ...page, items: page.items.map(keyFromRow) };
}

export async function updateKey(
  ctx: SqlContext,
  token: string,
  update: KeyUpdate,
): Promise<VirtualKey | null> {
  return ctx.db.transaction(async (tx) => {
    const current = await getKey(tx, token, ctx.forUpdate);
    if (!current) return null;
    const key = mergeKey(current, update, ctx.now());
    await onConflict(() => tx.execute(updateKeySql, [token, ...editableValues(key)]), keyConflict);
    return key;
  });
}

export async function regenerateKey(
  ctx: SqlContext,
  token: string,
  replacement: KeyRegeneration,
): Promise<VirtualKey | null> {
  requireHash(replacement.token);
  return ctx.db.transaction(async (tx) => {
    const current = await getKey(tx, token, ctx.forUpdate);
    if (!current) return null;
    const now = ctx.now();
    const key: VirtualKey = {
      ...mergeKey(current, replacement, now),
      token: replacement.token,
      key_name: replacement.key_name ?? null,
      rotation_count: current.rotation_count + 1,
      last_rotation_at: now,
    };
    await onConflict(
      () => tx.execute(regenerateKeySql, [token, ...identityValues(key), ...editableValues(key)]),
      keyConflict,
    );
    return key;
  });
}

/** Locks and reads the keys whose `column` is one of `values` (in token order). */
export async function lockKeys(
  tx: SqlExecutor,
  ctx: SqlContext,
  column: 'token' | 'user_id' | 'team_id',
  values: ReadonlyArray<string>,
): Promise<VirtualKey[]> {
  const rows = await tx.query(
    `SELECT ${selectColumns} FROM sy_keys WHERE ${column} IN (${ctx.jsonList('$1')}) ORDER BY token${ctx.forUpdate}`,
    [jsonText(values)],
  );
  return rows.map(keyFromRow);
}

/** Copies keys to the archive and deletes them; resolves to their hashes. */
export async function archiveKeys(
  tx: SqlExecutor,
  ctx: SqlContext,
  keys: ReadonlyArray<VirtualKey>,
  options: DeleteOptions,
): Promise<string[]> {
  if (keys.length === 0) return [];
  const now = ctx.now();
  for (const key of keys) {
    await tx.execute(archiveKeySql, [
      ctx.newId(),
      key.token,
      key.key_alias,
      key.user_id,
      key.team_id,
      key.spend,
      jsonText(key),
      now,
      options.deleted_by ?? null,
    ]);
  }
  const tokens = keys.map((key) => key.token);
  await tx.execute(`DELETE FROM sy_keys WHERE token IN (${ctx.jsonList('$1')})`, [jsonText(tokens)]);
  return tokens;
}

export async function deleteKeys(
  ctx: SqlContext,
  tokens: ReadonlyArray<string>,
  options: DeleteOptions,
): Promise<string[]> {
  if (tokens.length === 0) return Promise.resolve([]);
  return ctx.db.transaction(async (tx) =>
    archiveKeys(tx, ctx, await lockKeys(tx, ctx, 'token', tokens), options),
  );
}
