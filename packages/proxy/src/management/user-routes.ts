import { randomUUID } from 'node:crypto';
import { BadRequestError } from '@switchyard/core';
import { type Store, StoreConflictError, type Team, type User, type UserUpdate } from '@switchyard/store';
import type { Hono } from 'hono';
import type { ProxyEnv } from '../proxy-env.js';
import { afterAuthChange } from './auth-change.js';
import { createKeyFor } from './key-writes.js';
import {
  changedBy,
  type ManagementServices,
  principalOf,
  readBody,
  readQuery,
} from './management-services.js';
import { actorOf, authorize } from './policy/index.js';
import { unsupportedUserFields } from './schemas/unsupported-fields.js';
import {
  deleteUsersSchema,
  type NewUserInput,
  newUserSchema,
  type UpdateUserInput,
  updateUserSchema,
  userInfoQuerySchema,
  userListQuerySchema,
} from './schemas/user-schemas.js';
import { notFound, requireTeam, requireUser, userByEmail } from './store-lookups.js';

interface Membership {
  team_id: string;
  role: 'admin' | 'user';
  param: string;
}

/** The teams a new user joins: `teams` (ids or `{team_id, user_role}`) and litellm's `team_id`. */
function membershipsOf(input: NewUserInput): Membership[] {
  const memberships: Membership[] = [];
  for (const [index, team] of (input.teams ?? []).entries()) {
    const param = `teams[${index}]`;
    memberships.push(
      typeof team === 'string'
        ? { team_id: team, role: 'user', param }
        : { team_id: team.team_id, role: team.user_role, param },
    );
  }
  if (input.team_id) memberships.push({ team_id: input.team_id, role: 'user', param: 'team_id' });
  return memberships;
}

async function refuseDuplicateEmail(store: Store, email: string | null | undefined, except?: string) {
  if (!email) return;
  const existing = await userByEmail(store, email);
  if (existing && existing.user_id !== except) {
    throw new StoreConflictError({ message: 'user_email: another user has this email', param: 'user_email' });
  }
}

function userUpdateOf(input: UpdateUserInput, byEmail: boolean): UserUpdate {
  const update: UserUpdate = {};
  if (input.user_alias !== undefined) update.user_alias = input.user_alias;
  if (input.user_email !== undefined && !byEmail) update.user_email = input.user_email;
  if (input.user_role) update.user_role = input.user_role;
  if (input.models) update.models = input.models;
  if (input.metadata) update.metadata = input.metadata;
  if (input.max_budget !== undefined) update.max_budget = input.max_budget;
  if (input.budget_duration !== undefined) update.budget_duration = input.budget_duration;
  if (input.rpm_limit !== undefined) update.rpm_limit = input.rpm_limit;
  if (input.tpm_limit !== undefined) update.tpm_limit = input.tpm_limit;
  if (input.max_parallel_requests !== undefined) update.max_parallel_requests = input.max_parallel_requests;
  if (input.spend !== undefined) update.spend = input.spend;
  return update;
}

async function teamsByIds(store: Store, ids: ReadonlyArray<string>): Promise<Team[]> {
  const teams = await Promise.all(ids.map((id) => store.getTeam(id)));
  return teams.filter((team): team is Team => team !== null);
}

/** POST /user/new, /user/update, /user/delete and GET /user/info, /user/list. */
export function userRoutes(app: Hono<ProxyEnv>, services: ManagementServices): void {
  const { store } = services;

  app.post('/user/new', async (c) => {
    const input = await readBody(c, newUserSchema, unsupportedUserFields);
    const principal = principalOf(c);
    authorize(principal, 'user:create', null);
    const userId = input.user_id ?? randomUUID();
    const memberships = membershipsOf(input);
    // Everything that can fail is checked before anything is written.
    for (const membership of memberships) await requireTeam(store, membership.team_id, membership.param);
    await refuseDuplicateEmail(store, input.user_email);
    if (
      input.auto_create_key &&
      input.key_alias &&
      (await store.listKeys({ key_alias: input.key_alias, limit: 1 })).total > 0
    ) {
      throw new StoreConflictError({ message: 'key_alias: another key has this alias', param: 'key_alias' });
    }
    await store.createUser({
      user_id: userId,
      user_alias: input.user_alias ?? null,
      user_email: input.user_email ?? null,
      ...(input.user_role ? { user_role: input.user_role } : {}),
      models: input.models ?? [],
      metadata: input.metadata ?? {},
      max_budget: input.max_budget ?? null,
      budget_duration: input.budget_duration ?? null,
      rpm_limit: input.rpm_limit ?? null,
      tpm_limit: input.tpm_limit ?? null,
      max_parallel_requests: input.max_parallel_requests ?? null,
      ...(input.spend !== undefined ? { spend: input.spend } : {}),
      created_by: changedBy(principal),
    });
    for (const { team_id, role } of memberships)
      await store.addTeamMembers(team_id, [{ user_id: userId, role }]);
    const created = input.auto_create_key
      ? await createKeyFor(services, principal, {
          user_id: userId,
          key_alias: input.key_alias ?? null,
          duration: input.duration ?? null,
        })
      : null;
    afterAuthChange(services, { all: true });
    const user = await requireUser(store, userId);
    return c.json({
      ...user,
      key: created?.plaintext ?? null,
      token: created?.key.token ?? null,
      key_name: created?.key.key_name ?? null,
      key_alias: created?.key.key_alias ?? null,
      expires: created?.key.expires ?? null,
    });
  });

  app.get('/user/info', async (c) => {
    const query = readQuery(c, userInfoQuerySchema);
    const principal = principalOf(c);
    const actor = actorOf(principal);
    const userId = query.user_id ?? actor.userId;
    if (userId === null) {
      throw new BadRequestError({ message: 'user_id: pass ?user_id=<user>', param: 'user_id' });
    }
    const user = await requireUser(store, userId);
    const shared =
      actor.readsAll || userId === actor.userId
        ? []
        : (actor.user?.teams ?? []).filter((id) => user.teams.includes(id));
    authorize(principal, 'user:read', { userId, sharedTeams: await teamsByIds(store, shared) });
    const keys = await store.listKeys({ user_id: userId, limit: 1000 });
    return c.json({
      user_id: userId,
      user_info: user,
      keys: keys.items,
      teams: await teamsByIds(store, user.teams),
    });
  });

  app.post('/user/update', async (c) => {
    const input = await readBody(c, updateUserSchema, unsupportedUserFields);
    const principal = principalOf(c);
    authorize(principal, 'user:update', null);
    const byEmail = !input.user_id;
    let target: User | null;
    if (input.user_id) target = await requireUser(store, input.user_id);
    else target = await userByEmail(store, input.user_email ?? '');
    if (!target) throw notFound('user_email: no user has this email', 'user_email');
    if (!byEmail) await refuseDuplicateEmail(store, input.user_email, target.user_id);
    const updated = await store.updateUser(target.user_id, {
      ...userUpdateOf(input, byEmail),
      updated_by: changedBy(principal),
    });
    afterAuthChange(services, { all: true });
    if (!updated) throw notFound(`user_id: user "${target.user_id}" not found`, 'user_id');
    return c.json({ user_id: updated.user_id, data: updated });
  });

  app.post('/user/delete', async (c) => {
    const { user_ids: ids } = await readBody(c, deleteUsersSchema, []);
    const principal = principalOf(c);
    authorize(principal, 'user:delete', null);
    for (const [index, id] of ids.entries()) await requireUser(store, id, `user_ids[${index}]`);
    const result = await store.deleteUsers([...new Set(ids)], { deleted_by: changedBy(principal) });
    afterAuthChange(services, { all: true });
    return c.json({ deleted_users: result.deleted, deleted_keys: result.keys });
  });

  app.get('/user/list', async (c) => {
    const query = readQuery(c, userListQuerySchema);
    authorize(principalOf(c), 'user:list', null);
    const offset = (query.page - 1) * query.page_size;
    let users: User[];
    let total: number;
    if (query.user_ids !== undefined) {
      const ids = [...new Set(query.user_ids.split(',').map((id) => id.trim()))].filter((id) => id !== '');
      if (ids.length > 1000) {
        throw new BadRequestError({ message: 'user_ids: at most 1,000 ids at a time', param: 'user_ids' });
      }
      const found = (await Promise.all(ids.map((id) => store.getUser(id)))).filter(
        (user): user is User =>
          user !== null &&
          (query.role === undefined || user.user_role === query.role) &&
          (query.user_email === undefined || user.user_email === query.user_email) &&
          (query.team === undefined || user.teams.includes(query.team)),
      );
      total = found.length;
      users = found.slice(offset, offset + query.page_size);
    } else {
      const page = await store.listUsers({
        ...(query.role ? { user_role: query.role } : {}),
        ...(query.user_email ? { user_email: query.user_email } : {}),
        ...(query.team ? { team_id: query.team } : {}),
        limit: query.page_size,
        offset,
      });
      users = page.items;
      total = page.total;
    }
    const counted = await Promise.all(
      users.map(async (user) => ({
        ...user,
        key_count: (await store.listKeys({ user_id: user.user_id, limit: 1 })).total,
      })),
    );
    return c.json({
      users: counted,
      total,
      page: query.page,
      page_size: query.page_size,
      total_pages: Math.ceil(total / query.page_size),
    });
  });
}
