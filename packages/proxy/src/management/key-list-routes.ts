import { BadRequestError } from '@switchyard/core';
import { type KeyFilter, type Store, type Team, toKeyHash, type VirtualKey } from '@switchyard/store';
import type { Hono } from 'hono';
import type { Principal } from '../governance/principal.js';
import type { ProxyEnv } from '../proxy-env.js';
import { afterAuthChange } from './auth-change.js';
import {
  changedBy,
  type ManagementServices,
  principalOf,
  readBody,
  readQuery,
} from './management-services.js';
import { actorOf, authorize, isTeamAdmin } from './policy/index.js';
import { deleteKeysSchema, keyListQuerySchema } from './schemas/key-schemas.js';
import { notFound, requireTeam, teamOf } from './store-lookups.js';

type KeyListQuery = ReturnType<typeof keyListQuerySchema.parse>;

/** Loads the teams of `keys` once each. */
async function teamsOf(store: Store, keys: ReadonlyArray<VirtualKey>): Promise<Map<string, Team | null>> {
  const teams = new Map<string, Team | null>();
  for (const key of keys) {
    if (key.team_id !== null && !teams.has(key.team_id))
      teams.set(key.team_id, await store.getTeam(key.team_id));
  }
  return teams;
}

/** The keys a delete names (all must exist: nothing is deleted otherwise), with their labels. */
async function keysToDelete(
  store: Store,
  input: { keys?: string[] | null | undefined; key_aliases?: string[] | null | undefined },
): Promise<{ keys: VirtualKey[]; deleted: string[] }> {
  const found = new Map<string, VirtualKey>();
  if (input.keys?.length) {
    for (const [index, reference] of input.keys.entries()) {
      const key = await store.getKey(toKeyHash(reference));
      if (!key) throw notFound(`keys[${index}]: no such key (it may have been deleted)`, `keys[${index}]`);
      found.set(key.token, key);
    }
    return { keys: [...found.values()], deleted: [...found.keys()] };
  }
  const aliases = input.key_aliases ?? [];
  for (const [index, alias] of aliases.entries()) {
    const page = await store.listKeys({ key_alias: alias, limit: 1 });
    const key = page.items[0];
    if (!key)
      throw notFound(`key_aliases[${index}]: no key has the alias "${alias}"`, `key_aliases[${index}]`);
    found.set(key.token, key);
  }
  return { keys: [...found.values()], deleted: aliases };
}

/** The store filter of a /key/list request, within the caller's scope. */
async function listFilter(store: Store, principal: Principal, query: KeyListQuery): Promise<KeyFilter> {
  const actor = actorOf(principal);
  const team = query.team_id !== undefined ? await requireTeam(store, query.team_id) : null;
  if (query.include_team_keys && !actor.readsAll && query.team_id === undefined) {
    throw new BadRequestError({
      message: "include_team_keys: name the team instead: team_id=<team> lists a team's keys",
      param: 'include_team_keys',
    });
  }
  // litellm: a caller who is no admin lists its own keys unless it administers the team asked for.
  const ownOnly = !actor.readsAll && !(team !== null && isTeamAdmin(actor, team));
  const userId = query.user_id ?? (ownOnly ? actor.userId : null);
  authorize(principal, 'key:list', { userId, teamId: query.team_id ?? null, team });
  const filter: KeyFilter = { limit: query.size, offset: (query.page - 1) * query.size };
  if (userId !== null) filter.user_id = userId;
  if (query.team_id !== undefined) filter.team_id = query.team_id;
  if (query.key_alias !== undefined) filter.key_alias = query.key_alias;
  return filter;
}

function matches(key: VirtualKey, filter: KeyFilter): boolean {
  return (
    (filter.user_id === undefined || key.user_id === filter.user_id) &&
    (filter.team_id === undefined || key.team_id === filter.team_id) &&
    (filter.key_alias === undefined || key.key_alias === filter.key_alias)
  );
}

/** POST /key/delete and GET /key/list. */
export function keyListRoutes(app: Hono<ProxyEnv>, services: ManagementServices): void {
  const { store } = services;

  app.post('/key/delete', async (c) => {
    const input = await readBody(c, deleteKeysSchema, []);
    const principal = principalOf(c);
    const { keys, deleted } = await keysToDelete(store, input);
    const teams = await teamsOf(store, keys);
    for (const key of keys) {
      authorize(principal, 'key:delete', {
        key,
        team: key.team_id === null ? null : (teams.get(key.team_id) ?? null),
      });
    }
    const tokens = keys.map((key) => key.token);
    await store.deleteKeys(tokens, { deleted_by: changedBy(principal) });
    afterAuthChange(services, { tokens });
    return c.json({ deleted_keys: deleted });
  });

  app.get('/key/list', async (c) => {
    const query = readQuery(c, keyListQuerySchema);
    const principal = principalOf(c);
    const filter = await listFilter(store, principal, query);
    let keys: VirtualKey[];
    let total: number;
    if (query.key_hash !== undefined) {
      // One key by hash: listed when it passes the filters; a key the caller may not read is a 403.
      const key = await store.getKey(toKeyHash(query.key_hash));
      keys = key && matches(key, filter) && filter.offset === 0 ? [key] : [];
      if (key && keys.length > 0) {
        authorize(principal, 'key:read', { key, team: await teamOf(store, key.team_id) });
      }
      total = keys.length;
    } else {
      const page = await store.listKeys(filter);
      keys = page.items;
      total = page.total;
    }
    return c.json({
      keys: query.return_full_object ? keys : keys.map((key) => key.token),
      total_count: total,
      current_page: query.page,
      total_pages: Math.ceil(total / query.size),
    });
  });
}
