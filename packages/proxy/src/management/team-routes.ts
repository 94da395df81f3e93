import { randomUUID } from 'node:crypto';
import { StoreConflictError, type Team, type TeamFilter, type TeamUpdate } from '@switchyard/store';
import type { Hono } from 'hono';
import type { ProxyEnv } from '../proxy-env.js';
import { afterAuthChange } from './auth-change.js';
import {
  changedBy,
  type ManagementServices,
  principalOf,
  readBody,
  readQuery,
} from './management-services.js';
import { actorOf, authorize, checkTeamUpdateGrant } from './policy/index.js';
import {
  blockTeamSchema,
  deleteTeamsSchema,
  memberAddSchema,
  memberDeleteSchema,
  newTeamSchema,
  teamInfoQuerySchema,
  teamListQuerySchema,
  type UpdateTeamInput,
  updateTeamSchema,
} from './schemas/team-schemas.js';
import { unsupportedTeamFields } from './schemas/unsupported-fields.js';
import { notFound, requireTeam, userByEmail } from './store-lookups.js';
import { resolveMembers } from './team-members.js';

function teamUpdateOf(input: Omit<UpdateTeamInput, 'team_id'>): TeamUpdate {
  const update: TeamUpdate = {};
  if (input.team_alias !== undefined) update.team_alias = input.team_alias;
  if (input.models) update.models = input.models;
  if (input.metadata) update.metadata = input.metadata;
  if (input.blocked !== undefined && input.blocked !== null) update.blocked = input.blocked;
  if (input.max_budget !== undefined) update.max_budget = input.max_budget;
  if (input.budget_duration !== undefined) update.budget_duration = input.budget_duration;
  if (input.rpm_limit !== undefined) update.rpm_limit = input.rpm_limit;
  if (input.tpm_limit !== undefined) update.tpm_limit = input.tpm_limit;
  if (input.max_parallel_requests !== undefined) update.max_parallel_requests = input.max_parallel_requests;
  if (input.spend !== undefined) update.spend = input.spend;
  return update;
}

/**
 * POST /team/new, /team/update, /team/delete, /team/block, /team/unblock, /team/member_add,
 * /team/member_delete and GET /team/info, /team/list.
 */
export function teamRoutes(app: Hono<ProxyEnv>, services: ManagementServices): void {
  const { store } = services;

  app.post('/team/new', async (c) => {
    const input = await readBody(c, newTeamSchema, unsupportedTeamFields);
    const principal = principalOf(c);
    authorize(principal, 'team:create', null);
    const teamId = input.team_id ?? randomUUID();
    if (await store.getTeam(teamId)) {
      throw new StoreConflictError({ message: `team_id: team "${teamId}" exists already`, param: 'team_id' });
    }
    const { members } = await resolveMembers(store, input.members_with_roles ?? [], changedBy(principal));
    const team = await store.createTeam({
      team_id: teamId,
      team_alias: input.team_alias ?? null,
      models: input.models ?? [],
      metadata: input.metadata ?? {},
      blocked: input.blocked ?? false,
      max_budget: input.max_budget ?? null,
      budget_duration: input.budget_duration ?? null,
      rpm_limit: input.rpm_limit ?? null,
      tpm_limit: input.tpm_limit ?? null,
      max_parallel_requests: input.max_parallel_requests ?? null,
      members_with_roles: members,
      ...(input.spend !== undefined ? { spend: input.spend } : {}),
      created_by: changedBy(principal),
    });
    afterAuthChange(services, { all: true });
    return c.json(team);
  });

  app.get('/team/info', async (c) => {
    const { team_id: teamId } = readQuery(c, teamInfoQuerySchema);
    const principal = principalOf(c);
    const team = await requireTeam(store, teamId);
    authorize(principal, 'team:read', { team });
    const keys = await store.listKeys({ team_id: teamId, limit: 1000 });
    return c.json({ team_id: teamId, team_info: team, keys: keys.items });
  });

  app.post('/team/update', async (c) => {
    const { team_id: teamId, ...input } = await readBody(c, updateTeamSchema, unsupportedTeamFields);
    const principal = principalOf(c);
    const team = await requireTeam(store, teamId);
    authorize(principal, 'team:update', { team });
    const update = teamUpdateOf(input);
    checkTeamUpdateGrant(principal, team, update, services.accessGroups);
    const updated = await store.updateTeam(teamId, { ...update, updated_by: changedBy(principal) });
    afterAuthChange(services, { all: true });
    if (!updated) throw notFound(`team_id: team "${teamId}" not found`, 'team_id');
    return c.json({ team_id: teamId, data: updated });
  });

  app.post('/team/delete', async (c) => {
    const { team_ids: ids } = await readBody(c, deleteTeamsSchema, []);
    const principal = principalOf(c);
    authorize(principal, 'team:delete', null);
    for (const [index, id] of ids.entries()) await requireTeam(store, id, `team_ids[${index}]`);
    const result = await store.deleteTeams([...new Set(ids)], { deleted_by: changedBy(principal) });
    afterAuthChange(services, { all: true });
    return c.json({ deleted_teams: result.deleted, deleted_keys: result.keys });
  });

  const block = (blocked: boolean) =>
    app.post(blocked ? '/team/block' : '/team/unblock', async (c) => {
      const { team_id: teamId } = await readBody(c, blockTeamSchema, []);
      const principal = principalOf(c);
      authorize(principal, 'team:block', null);
      const team = await store.setTeamBlocked(teamId, blocked, changedBy(principal));
      afterAuthChange(services, { all: true });
      if (!team) throw notFound(`team_id: team "${teamId}" not found`, 'team_id');
      return c.json(team);
    });
  block(true);
  block(false);

  app.get('/team/list', async (c) => {
    const query = readQuery(c, teamListQuerySchema);
    const principal = principalOf(c);
    const actor = actorOf(principal);
    const userId = query.user_id ?? (actor.readsAll ? null : actor.userId);
    authorize(principal, 'team:list', { userId });
    const filter: TeamFilter = userId === null ? {} : { user_id: userId };
    if (query.page !== undefined || query.page_size !== undefined) {
      const size = query.page_size ?? 100;
      const page = await store.listTeams({ ...filter, limit: size, offset: ((query.page ?? 1) - 1) * size });
      return c.json(page.items);
    }
    const teams: Team[] = [];
    let cursor: string | null = null;
    do {
      const page = await store.listTeams({ ...filter, limit: 1000, cursor });
      teams.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor !== null);
    return c.json(teams);
  });

  app.post('/team/member_add', async (c) => {
    const input = await readBody(c, memberAddSchema, []);
    const principal = principalOf(c);
    const team = await requireTeam(store, input.team_id);
    authorize(principal, 'team:members', { team });
    const wanted = Array.isArray(input.member) ? input.member : [input.member];
    for (const [index, member] of wanted.entries()) {
      const existing =
        member.user_id ??
        (member.user_email ? (await userByEmail(store, member.user_email))?.user_id : undefined);
      if (existing && team.members_with_roles.some((m) => m.user_id === existing)) {
        const param = Array.isArray(input.member) ? `member[${index}]` : 'member';
        throw new StoreConflictError({
          message: `${param}: user "${existing}" is in team "${team.team_id}" already`,
          param,
        });
      }
    }
    const { members, users } = await resolveMembers(store, wanted, changedBy(principal));
    const updated = await store.addTeamMembers(team.team_id, members);
    afterAuthChange(services, { all: true });
    if (!updated) throw notFound(`team_id: team "${team.team_id}" not found`, 'team_id');
    const refreshed = await Promise.all(users.map((user) => store.getUser(user.user_id)));
    return c.json({ ...updated, updated_users: refreshed.filter((user) => user !== null) });
  });

  app.post('/team/member_delete', async (c) => {
    const input = await readBody(c, memberDeleteSchema, []);
    const principal = principalOf(c);
    const team = await requireTeam(store, input.team_id);
    authorize(principal, 'team:members', { team });
    const userId = input.user_id ?? (await userByEmail(store, input.user_email ?? ''))?.user_id;
    const param = input.user_id ? 'user_id' : 'user_email';
    if (!userId || !team.members_with_roles.some((member) => member.user_id === userId)) {
      throw notFound(`${param}: not a member of team "${team.team_id}"`, param);
    }
    const updated = await store.removeTeamMembers(team.team_id, [userId]);
    afterAuthChange(services, { all: true });
    if (!updated) throw notFound(`team_id: team "${team.team_id}" not found`, 'team_id');
    return c.json(updated);
  });
}
