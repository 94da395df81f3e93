import { BadRequestError } from '@switchyard/core';
import type { DeleteOptions, DeletionResult, NewUser, Page, UserFilter, UserUpdate } from '../inputs.js';
import type { User } from '../records.js';
import { StoreConflictError } from '../store-errors.js';
import { isUserRole, type UserRole } from '../user-roles.js';
import { budgetColumns, budgetFromRow, budgetValues, mergeBudget, newBudget, pick } from './budget-fields.js';
import { archiveKeys, lockKeys } from './key-queries.js';
import type { SqlContext } from './sql-context.js';
import { type SqlExecutor, SqlParams, type SqlRow, type SqlValue } from './sql-database.js';
import { equals, insertSql, listPage, onConflict, updateSql } from './sql-helpers.js';
import { jsonText, toDate, toJsonObject, toNullableText, toStringArray, toText } from './sql-values.js';

const editableColumns = [
  ...budgetColumns,
  'user_alias',
  'user_email',
  'user_role',
  'models',
  'metadata',
  'updated_at',
  'updated_by',
] as const;
const userColumns = ['user_id', ...editableColumns, 'created_at', 'created_by'] as const;

const selectColumns = userColumns.join(', ');
const insertUserSql = insertSql('sy_users', userColumns);
const updateUserSql = updateSql('sy_users', 'user_id', editableColumns);
const selectUserSql = `SELECT ${selectColumns} FROM sy_users WHERE user_id = $1`;

type UserRow = Omit<User, 'teams'>;

function userFromRow(row: SqlRow): UserRow {
  return {
    user_id: toText(row.user_id),
    user_alias: toNullableText(row.user_alias),
    user_email: toNullableText(row.user_email),
    user_role: (isUserRole(row.user_role) ? row.user_role : 'internal_user') as UserRole,
    ...budgetFromRow(row),
    models: toStringArray(row.models),
    metadata: toJsonObject(row.metadata),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
    created_by: toNullableText(row.created_by),
    updated_by: toNullableText(row.updated_by),
  };
}

function editableValues(user: UserRow): SqlValue[] {
  return [
    ...budgetValues(user),
    user.user_alias,
    user.user_email,
    user.user_role,
    jsonText(user.models),
    jsonText(user.metadata),
    user.updated_at,
    user.updated_by,
  ];
}

function checkRole(role: UserRole | undefined): void {
  if (role !== undefined && !isUserRole(role)) {
    throw new BadRequestError({
      message: `user_role: ${JSON.stringify(role)} is not a role; use proxy_admin, proxy_admin_viewer, org_admin, internal_user, internal_user_viewer, team or customer`,
      param: 'user_role',
    });
  }
}

function userConflict(): Error {
  return new StoreConflictError({ message: 'user_id: a user with this id exists already', param: 'user_id' });
}

/** The teams of each user, from the memberships. */
async function teamsOf(ctx: SqlContext, db: SqlExecutor, userIds: ReadonlyArray<string>) {
  const teams = new Map<string, string[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return teams;
  const rows = await db.query(
    `SELECT user_id, team_id FROM sy_team_members WHERE user_id IN (${ctx.jsonList('$1')}) ORDER BY team_id`,
    [jsonText(userIds)],
  );
  for (const row of rows) teams.get(toText(row.user_id))?.push(toText(row.team_id));
  return teams;
}

async function withTeams(ctx: SqlContext, db: SqlExecutor, users: UserRow[]): Promise<User[]> {
  const teams = await teamsOf(
    ctx,
    db,
    users.map((user) => user.user_id),
  );
  return users.map((user) => ({ ...user, teams: teams.get(user.user_id) ?? [] }));
}

export async function createUser(ctx: SqlContext, input: NewUser): Promise<User> {
  checkRole(input.user_role);
  const now = ctx.now();
  const user: UserRow = {
    user_id: input.user_id,
    user_alias: input.user_alias ?? null,
    user_email: input.user_email ?? null,
    user_role: input.user_role ?? 'internal_user',
    ...newBudget(input, now),
    models: input.models ?? [],
    metadata: input.metadata ?? {},
    created_at: now,
    updated_at: now,
    created_by: input.created_by ?? null,
    updated_by: input.created_by ?? null,
  };
  await onConflict(
    () =>
      ctx.db.execute(insertUserSql, [
        user.user_id,
        ...editableValues(user),
        user.created_at,
        user.created_by,
      ]),
    userConflict,
  );
  const [created] = await withTeams(ctx, ctx.db, [user]);
  return created!;
}

export async function getUser(ctx: SqlContext, db: SqlExecutor, userId: string): Promise<User | null> {
  const [row] = await db.query(selectUserSql, [userId]);
  if (!row) return null;
  const [user] = await withTeams(ctx, db, [userFromRow(row)]);
  return user ?? null;
}

export async function listUsers(ctx: SqlContext, filter: UserFilter): Promise<Page<User>> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter.user_role !== undefined) conditions.push(equals(params, 'user_role', filter.user_role));
  if (filter.user_email !== undefined) conditions.push(equals(params, 'user_email', filter.user_email));
  if (filter.team_id !== undefined) {
    conditions.push(
      `user_id IN (SELECT user_id FROM sy_team_members WHERE team_id = ${params.add(filter.team_id)})`,
    );
  }
  const page = await listPage(
    ctx.db,
    { table: 'sy_users', idColumn: 'user_id', columns: selectColumns, conditions, params },
    filter,
  );
  return { ...page, items: await withTeams(ctx, ctx.db, page.items.map(userFromRow)) };
}

export async function updateUser(ctx: SqlContext, userId: string, update: UserUpdate): Promise<User | null> {
  checkRole(update.user_role);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query(selectUserSql + ctx.forUpdate, [userId]);
    if (!row) return null;
    const current = userFromRow(row);
    const now = ctx.now();
    const user: UserRow = {
      ...current,
      ...mergeBudget(current, update, now),
      user_alias: pick(current.user_alias, update.user_alias),
      user_email: pick(current.user_email, update.user_email),
      user_role: pick(current.user_role, update.user_role),
      models: pick(current.models, update.models),
      metadata: pick(current.metadata, update.metadata),
      updated_at: now,
      updated_by: update.updated_by ?? null,
    };
    await tx.execute(updateUserSql, [userId, ...editableValues(user)]);
    const [updated] = await withTeams(ctx, tx, [user]);
    return updated ?? null;
  });
}

export async function deleteUsers(
  ctx: SqlContext,
  userIds: ReadonlyArray<string>,
  options: DeleteOptions,
): Promise<DeletionResult> {
  if (userIds.length === 0) return Promise.resolve({ deleted: [], keys: [] });
  return ctx.db.transaction(async (tx) => {
    // Keys first, then users: the same lock order as recordSpendBatch, so the two never deadlock.
    const keys = await archiveKeys(tx, ctx, await lockKeys(tx, ctx, 'user_id', userIds), options);
    const ids = jsonText(userIds);
    const rows = await tx.query(
      `SELECT user_id FROM sy_users WHERE user_id IN (${ctx.jsonList('$1')}) ORDER BY user_id${ctx.forUpdate}`,
      [ids],
    );
    await tx.execute(`DELETE FROM sy_team_members WHERE user_id IN (${ctx.jsonList('$1')})`, [ids]);
    await tx.execute(`DELETE FROM sy_users WHERE user_id IN (${ctx.jsonList('$1')})`, [ids]);
    return { deleted: rows.map((row) => toText(row.user_id)), keys };
  });
}
