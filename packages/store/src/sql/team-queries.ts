import { BadRequestError } from '@switchyard/core';
import type { DeleteOptions, DeletionResult, NewTeam, Page, TeamFilter, TeamUpdate } from '../inputs.js';
import type { Team, TeamMember } from '../records.js';
import { StoreConflictError } from '../store-errors.js';
import { isTeamMemberRole } from '../user-roles.js';
import { budgetColumns, budgetFromRow, budgetValues, mergeBudget, newBudget, pick } from './budget-fields.js';
import { archiveKeys, lockKeys } from './key-queries.js';
import type { SqlContext } from './sql-context.js';
import { type SqlExecutor, SqlParams, type SqlRow, type SqlValue } from './sql-database.js';
import { equals, insertSql, listPage, onConflict, updateSql } from './sql-helpers.js';
import {
  jsonText,
  toBool,
  toDate,
  toJsonObject,
  toNullableText,
  toStringArray,
  toText,
} from './sql-values.js';

const editableColumns = [
  ...budgetColumns,
  'team_alias',
  'models',
  'metadata',
  'blocked',
  'updated_at',
  'updated_by',
] as const;
const teamColumns = ['team_id', ...editableColumns, 'created_at', 'created_by'] as const;

const selectColumns = teamColumns.join(', ');
const insertTeamSql = insertSql('sy_teams', teamColumns);
const updateTeamSql = updateSql('sy_teams', 'team_id', editableColumns);
const selectTeamSql = `SELECT ${selectColumns} FROM sy_teams WHERE team_id = $1`;
const upsertMemberSql = `INSERT INTO sy_team_members (team_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
  ON CONFLICT (team_id, user_id) DO UPDATE SET role = excluded.role`;

type TeamRow = Omit<Team, 'members_with_roles'>;

function teamFromRow(row: SqlRow): TeamRow {
  return {
    team_id: toText(row.team_id),
    team_alias: toNullableText(row.team_alias),
    ...budgetFromRow(row),
    models: toStringArray(row.models),
    metadata: toJsonObject(row.metadata),
    blocked: toBool(row.blocked),
    created_at: toDate(row.created_at),
    updated_at: toDate(row.updated_at),
    created_by: toNullableText(row.created_by),
    updated_by: toNullableText(row.updated_by),
  };
}

function editableValues(team: TeamRow): SqlValue[] {
  return [
    ...budgetValues(team),
    team.team_alias,
    jsonText(team.models),
    jsonText(team.metadata),
    team.blocked,
    team.updated_at,
    team.updated_by,
  ];
}

function checkMembers(members: ReadonlyArray<TeamMember>): void {
  members.forEach((member, index) => {
    if (typeof member.user_id !== 'string' || member.user_id === '') {
      throw new BadRequestError({
        message: `members_with_roles[${index}].user_id: required`,
        param: `members_with_roles[${index}].user_id`,
      });
    }
    if (!isTeamMemberRole(member.role)) {
      throw new BadRequestError({
        message: `members_with_roles[${index}].role: ${JSON.stringify(member.role)} is not a team role; use admin or user`,
        param: `members_with_roles[${index}].role`,
      });
    }
  });
}

function teamConflict(): Error {
  return new StoreConflictError({ message: 'team_id: a team with this id exists already', param: 'team_id' });
}

/** The members of each team, in the order they joined (members added together: by user_id). */
async function membersOf(ctx: SqlContext, db: SqlExecutor, teamIds: ReadonlyArray<string>) {
  const members = new Map<string, TeamMember[]>(teamIds.map((id) => [id, []]));
  if (teamIds.length === 0) return members;
  const rows = await db.query(
    `SELECT team_id, user_id, role FROM sy_team_members WHERE team_id IN (${ctx.jsonList('$1')})
     ORDER BY created_at, user_id`,
    [jsonText(teamIds)],
  );
  for (const row of rows) {
    const role = isTeamMemberRole(row.role) ? row.role : 'user';
    members.get(toText(row.team_id))?.push({ user_id: toText(row.user_id), role });
  }
  return members;
}

async function withMembers(ctx: SqlContext, db: SqlExecutor, teams: TeamRow[]): Promise<Team[]> {
  const members = await membersOf(
    ctx,
    db,
    teams.map((team) => team.team_id),
  );
  return teams.map((team) => ({ ...team, members_with_roles: members.get(team.team_id) ?? [] }));
}

async function upsertMembers(tx: SqlExecutor, teamId: string, members: ReadonlyArray<TeamMember>, now: Date) {
  for (const member of members) await tx.execute(upsertMemberSql, [teamId, member.user_id, member.role, now]);
}

export async function createTeam(ctx: SqlContext, input: NewTeam): Promise<Team> {
  const members = input.members_with_roles ?? [];
  checkMembers(members);
  const now = ctx.now();
  const team: TeamRow = {
    team_id: input.team_id,
    team_alias: input.team_alias ?? null,
    ...newBudget(input, now),
    models: input.models ?? [],
    metadata: input.metadata ?? {},
    blocked: input.blocked ?? false,
    created_at: now,
    updated_at: now,
    created_by: input.created_by ?? null,
    updated_by: input.created_by ?? null,
  };
  return ctx.db.transaction(async (tx) => {
    await onConflict(
      () =>
        tx.execute(insertTeamSql, [team.team_id, ...editableValues(team), team.created_at, team.created_by]),
      teamConflict,
    );
    await upsertMembers(tx, team.team_id, members, now);
    const [created] = await withMembers(ctx, tx, [team]);
    return created!;
  });
}

export async function getTeam(
  ctx: SqlContext,
  db: SqlExecutor,
  teamId: string,
  forUpdate = '',
): Promise<Team | null> {
  const [row] = await db.query(selectTeamSql + forUpdate, [teamId]);
  if (!row) return null;
  const [team] = await withMembers(ctx, db, [teamFromRow(row)]);
  return team ?? null;
}

export async function listTeams(ctx: SqlContext, filter: TeamFilter): Promise<Page<Team>> {
  const params = new SqlParams();
  const conditions: string[] = [];
  if (filter.team_alias !== undefined) conditions.push(equals(params, 'team_alias', filter.team_alias));
  if (filter.user_id !== undefined) {
    conditions.push(
      `team_id IN (SELECT team_id FROM sy_team_members WHERE user_id = ${params.add(filter.user_id)})`,
    );
  }
  const page = await listPage(
    ctx.db,
    { table: 'sy_teams', idColumn: 'team_id', columns: selectColumns, conditions, params },
    filter,
  );
  return { ...page, items: await withMembers(ctx, ctx.db, page.items.map(teamFromRow)) };
}

export async function updateTeam(ctx: SqlContext, teamId: string, update: TeamUpdate): Promise<Team | null> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query(selectTeamSql + ctx.forUpdate, [teamId]);
    if (!row) return null;
    const current = teamFromRow(row);
    const now = ctx.now();
    const team: TeamRow = {
      ...current,
      ...mergeBudget(current, update, now),
      team_alias: pick(current.team_alias, update.team_alias),
      models: pick(current.models, update.models),
      metadata: pick(current.metadata, update.metadata),
      blocked: pick(current.blocked, update.blocked),
      updated_at: now,
      updated_by: update.updated_by ?? null,
    };
    await tx.execute(updateTeamSql, [teamId, ...editableValues(team)]);
    const [updated] = await withMembers(ctx, tx, [team]);
    return updated ?? null;
  });
}

/** Changes a team's members inside a transaction that holds the team's row. */
function changeMembers(
  ctx: SqlContext,
  teamId: string,
  change: (tx: SqlExecutor, now: Date) => Promise<void>,
): Promise<Team | null> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.query(`SELECT team_id FROM sy_teams WHERE team_id = $1${ctx.forUpdate}`, [teamId]);
    if (!row) return null;
    const now = ctx.now();
    await change(tx, now);
    await tx.execute('UPDATE sy_teams SET updated_at = $2 WHERE team_id = $1', [teamId, now]);
    return getTeam(ctx, tx, teamId);
  });
}

export async function addTeamMembers(
  ctx: SqlContext,
  teamId: string,
  members: ReadonlyArray<TeamMember>,
): Promise<Team | null> {
  checkMembers(members);
  return changeMembers(ctx, teamId, (tx, now) => upsertMembers(tx, teamId, members, now));
}

export async function removeTeamMembers(
  ctx: SqlContext,
  teamId: string,
  userIds: ReadonlyArray<string>,
): Promise<Team | null> {
  return changeMembers(ctx, teamId, async (tx) => {
    if (userIds.length === 0) return;
    await tx.execute(
      `DELETE FROM sy_team_members WHERE team_id = $1 AND user_id IN (${ctx.jsonList('$2')})`,
      [teamId, jsonText(userIds)],
    );
  });
}

export async function deleteTeams(
  ctx: SqlContext,
  teamIds: ReadonlyArray<string>,
  options: DeleteOptions,
): Promise<DeletionResult> {
  if (teamIds.length === 0) return Promise.resolve({ deleted: [], keys: [] });
  return ctx.db.transaction(async (tx) => {
    // Keys first, then teams: the same lock order as recordSpendBatch, so the two never deadlock.
    const keys = await archiveKeys(tx, ctx, await lockKeys(tx, ctx, 'team_id', teamIds), options);
    const ids = jsonText(teamIds);
    const rows = await tx.query(
      `SELECT team_id FROM sy_teams WHERE team_id IN (${ctx.jsonList('$1')}) ORDER BY team_id${ctx.forUpdate}`,
      [ids],
    );
    await tx.execute(`DELETE FROM sy_team_members WHERE team_id IN (${ctx.jsonList('$1')})`, [ids]);
    await tx.execute(`DELETE FROM sy_teams WHERE team_id IN (${ctx.jsonList('$1')})`, [ids]);
    return { deleted: rows.map((row) => toText(row.team_id)), keys };
  });
}
