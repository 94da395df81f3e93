import { BadRequestError } from '@switchyard/core';
import {
  addBudgetDuration,
  generateKey,
  hashKey,
  type KeyUpdate,
  maskKey,
  parseBudgetDuration,
  type Team,
  type VirtualKey,
} from '@switchyard/store';
import type { Principal } from '../governance/principal.js';
import { changedBy, type ManagementServices } from './management-services.js';
import { type Actor, actorOf, authorize, checkKeyGrant, isTeamAdmin, type KeyOwner } from './policy/index.js';
import type { GenerateKeyInput, KeyFieldsInput } from './schemas/key-schemas.js';
import { requireTeam, teamOf } from './store-lookups.js';

/** When a key expires: set from `duration` (from now; null or "-1" = never) or from `expires`. */
export function expiresFrom(
  input: { duration?: string | null | undefined; expires?: Date | null | undefined },
  now: number,
): Date | null | undefined {
  if (input.expires !== undefined) return input.expires;
  if (input.duration === undefined) return undefined;
  if (input.duration === null || input.duration === '-1') return null;
  return addBudgetDuration(parseBudgetDuration(input.duration), new Date(now));
}

/** litellm's `key_type`: the routes a key may call when it names no `allowed_routes`. */
function routesOfType(keyType: GenerateKeyInput['key_type']): string[] | undefined {
  if (keyType === 'llm_api') return ['llm_api_routes'];
  if (keyType === 'management') return ['management_routes'];
  if (keyType === 'read_only') return ['info_routes'];
  return undefined;
}

/** A key value chosen by the caller must not be the master key. */
function checkCustomKey(services: ManagementServices, key: string, param: string): void {
  if (services.isMasterKey(key)) {
    throw new BadRequestError({ message: `${param}: this value is reserved; choose another key`, param });
  }
}

/** A new key value (the caller's, or a fresh random one) with its hash and masked name. */
export function newKeyValue(services: ManagementServices, chosen: string | null | undefined, param: string) {
  if (chosen) checkCustomKey(services, chosen, param);
  const plaintext = chosen ?? generateKey();
  return { plaintext, token: hashKey(plaintext), key_name: maskKey(plaintext) };
}

/**
 * The owner of a new key: as asked, else (for anyone but a proxy admin) the caller itself, or no
 * user at all for a team admin's team key (litellm's service-account key).
 */
function ownerOf(actor: Actor, input: GenerateKeyInput, team: Team | null): KeyOwner {
  const team_id = input.team_id ?? null;
  if (input.user_id) return { user_id: input.user_id, team_id };
  if (actor.admin || isTeamAdmin(actor, team)) return { user_id: null, team_id };
  return { user_id: actor.userId, team_id };
}

/** Creates a key after the policy's checks; resolves to the stored key and its plaintext (shown once). */
export async function createKeyFor(
  services: ManagementServices,
  principal: Principal,
  input: GenerateKeyInput,
): Promise<{ key: VirtualKey; plaintext: string }> {
  const { store } = services;
  const team = input.team_id ? await requireTeam(store, input.team_id) : null;
  const owner = ownerOf(actorOf(principal), input, team);
  authorize(principal, 'key:assign', { owner, team });
  const user = owner.user_id === null ? null : await store.getUser(owner.user_id);
  checkKeyGrant(principal, input, { user, team, accessGroups: services.accessGroups });
  const value = newKeyValue(services, input.key, 'key');
  const expires = expiresFrom(input, services.now());
  const allowedRoutes = routesOfType(input.key_type) ?? input.allowed_routes ?? [];
  const key = await store.createKey({
    token: value.token,
    key_name: value.key_name,
    key_alias: input.key_alias ?? null,
    models: input.models ?? [],
    max_budget: input.max_budget ?? null,
    budget_duration: input.budget_duration ?? null,
    rpm_limit: input.rpm_limit ?? null,
    tpm_limit: input.tpm_limit ?? null,
    max_parallel_requests: input.max_parallel_requests ?? null,
    expires: expires ?? null,
    user_id: owner.user_id,
    team_id: owner.team_id,
    metadata: input.metadata ?? {},
    tags: input.tags ?? [],
    allowed_routes: allowedRoutes,
    blocked: input.blocked ?? false,
    ...(input.spend !== undefined ? { spend: input.spend } : {}),
    created_by: changedBy(principal),
  });
  return { key, plaintext: value.plaintext };
}

/**
 * The policy's checks of a /key/update or /key/regenerate body: the caller may change this key,
 * may give it the resulting owner, may (un)block it when `blocked` changes, and grants no more
 * than the resulting owner has.
 */
async function checkKeyUpdate(
  services: ManagementServices,
  principal: Principal,
  key: VirtualKey,
  input: Omit<KeyFieldsInput, 'key'>,
): Promise<void> {
  const { store } = services;
  const currentTeam = await teamOf(store, key.team_id);
  authorize(principal, 'key:update', { key, team: currentTeam });
  if (input.blocked !== undefined && input.blocked !== null && input.blocked !== key.blocked) {
    authorize(principal, 'key:block', { key, team: currentTeam });
  }
  const owner: KeyOwner = {
    user_id: input.user_id !== undefined ? input.user_id : key.user_id,
    team_id: input.team_id !== undefined ? input.team_id : key.team_id,
  };
  let team = currentTeam;
  if (owner.team_id !== key.team_id)
    team = owner.team_id === null ? null : await requireTeam(store, owner.team_id);
  if (owner.user_id !== key.user_id || owner.team_id !== key.team_id) {
    authorize(principal, 'key:assign', { owner, team });
  }
  const user = owner.user_id === null ? null : await store.getUser(owner.user_id);
  checkKeyGrant(principal, input, { user, team, accessGroups: services.accessGroups });
}

/** The store update a /key/update or /key/regenerate body asks for (null clears a field). */
function keyUpdateOf(input: Omit<KeyFieldsInput, 'key'>, now: number): KeyUpdate {
  const update: KeyUpdate = {};
  const expires = expiresFrom(input, now);
  if (expires !== undefined) update.expires = expires;
  if (input.key_alias !== undefined) update.key_alias = input.key_alias;
  if (input.models) update.models = input.models;
  if (input.max_budget !== undefined) update.max_budget = input.max_budget;
  if (input.budget_duration !== undefined) update.budget_duration = input.budget_duration;
  if (input.rpm_limit !== undefined) update.rpm_limit = input.rpm_limit;
  if (input.tpm_limit !== undefined) update.tpm_limit = input.tpm_limit;
  if (input.max_parallel_requests !== undefined) update.max_parallel_requests = input.max_parallel_requests;
  if (input.user_id !== undefined) update.user_id = input.user_id;
  if (input.team_id !== undefined) update.team_id = input.team_id;
  if (input.metadata) update.metadata = input.metadata;
  if (input.tags) update.tags = input.tags;
  if (input.allowed_routes) update.allowed_routes = input.allowed_routes;
  if (input.blocked !== undefined && input.blocked !== null) update.blocked = input.blocked;
  if (input.spend !== undefined) update.spend = input.spend;
  return update;
}

/** The checked store update for a /key/update or /key/regenerate body (throws 403/404 first). */
export async function prepareKeyUpdate(
  services: ManagementServices,
  principal: Principal,
  key: VirtualKey,
  input: Omit<KeyFieldsInput, 'key'>,
): Promise<KeyUpdate> {
  await checkKeyUpdate(services, principal, key, input);
  return { ...keyUpdateOf(input, services.now()), updated_by: changedBy(principal) };
}
