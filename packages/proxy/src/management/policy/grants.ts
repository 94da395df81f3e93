import { PermissionDeniedError } from '@switchyard/core';
import type { Team, TeamUpdate, User } from '@switchyard/store';
import type { Principal } from '../../governance/principal.js';
import type { AccessGroups } from '../access-groups.js';
import { modelListAllows, specialModelNames } from '../model-access.js';
import { actorOf } from './actor.js';

/** What a key create or update asks for that its owner's rights bound. */
export interface KeyGrant {
  models?: ReadonlyArray<string> | null | undefined;
  max_budget?: number | null | undefined;
  rpm_limit?: number | null | undefined;
  tpm_limit?: number | null | undefined;
  max_parallel_requests?: number | null | undefined;
  spend?: number | undefined;
}

/** The rights a key may not exceed: its user's and its team's. */
export interface GrantBounds {
  user: User | null;
  team: Team | null;
  accessGroups: AccessGroups;
}

const limitFields = ['max_budget', 'rpm_limit', 'tpm_limit', 'max_parallel_requests'] as const;

type LimitField = (typeof limitFields)[number];

function deny(message: string, param: string): never {
  throw new PermissionDeniedError({ message, param, code: 'forbidden' });
}

/** True when a holder of `list` may hand on `model` (a name, a wildcard, a group or a special name). */
function listCovers(list: ReadonlyArray<string>, model: string, groups: AccessGroups): boolean {
  if (list.length === 0 || list.includes(specialModelNames.allProxyModels)) return true;
  if (list.includes(model)) return true;
  if (model === specialModelNames.allProxyModels) return false;
  if (model.endsWith('*')) {
    const prefix = model.slice(0, -1);
    return list.some((entry) => entry.endsWith('*') && prefix.startsWith(entry.slice(0, -1)));
  }
  const group = groups.get(model);
  if (group) return group.length > 0 && group.every((member) => modelListAllows(list, member, groups));
  return modelListAllows(list, model, groups);
}

function checkModels(models: ReadonlyArray<string>, bounds: GrantBounds): void {
  const { user, team, accessGroups } = bounds;
  for (const model of models) {
    if (model === specialModelNames.allTeamModels) {
      if (!team) deny('models: "all-team-models" needs the key to belong to a team (team_id).', 'models');
      continue;
    }
    if (user) {
      const teamOnly = user.models.includes(specialModelNames.noDefaultModels);
      if (teamOnly && !team) {
        deny(
          `models: user "${user.user_id}" may call models only through a team (no-default-models).`,
          'models',
        );
      }
      if (!teamOnly && !listCovers(user.models, model, accessGroups)) {
        deny(
          `models: "${model}" is not among the models of user "${user.user_id}" (${user.models.join(', ')}).`,
          'models',
        );
      }
    }
    if (team && !listCovers(team.models, model, accessGroups)) {
      deny(
        `models: "${model}" is not among the models of team "${team.team_id}" (${team.models.join(', ')}).`,
        'models',
      );
    }
  }
}

function checkLimit(field: LimitField, value: number, owner: string, bound: number | null): void {
  if (bound !== null && value > bound) {
    deny(`${field}: ${value} is more than the ${field} of ${owner} (${bound}).`, field);
  }
}

/**
 * A key can never grant more than its owner has: unless the caller is a proxy admin, the key's
 * models must be ones its user and team may call, and its budget and limits no larger than
 * theirs (theirs still apply on top). Only a proxy admin sets `spend`. Throws a 403 naming the
 * field.
 */
export function checkKeyGrant(principal: Principal, grant: KeyGrant, bounds: GrantBounds): void {
  if (actorOf(principal).admin) return;
  if (grant.spend !== undefined) deny('spend: only a proxy admin may set the spend of a key.', 'spend');
  if (grant.models) checkModels(grant.models, bounds);
  for (const field of limitFields) {
    const value = grant[field];
    if (typeof value !== 'number') continue;
    if (bounds.user) checkLimit(field, value, `user "${bounds.user.user_id}"`, bounds.user[field]);
    if (bounds.team) checkLimit(field, value, `team "${bounds.team.team_id}"`, bounds.team[field]);
  }
}

/**
 * A team admin (not a proxy admin) may rename a team and change its metadata, and tighten its
 * budget, limits and models, never loosen them: those are set by a proxy admin.
 */
export function checkTeamUpdateGrant(
  principal: Principal,
  team: Team,
  update: TeamUpdate,
  accessGroups: AccessGroups,
): void {
  if (actorOf(principal).admin) return;
  const fixed = ['spend', 'blocked', 'budget_duration'] as const;
  for (const field of fixed) {
    if (update[field] !== undefined)
      deny(`${field}: only a proxy admin may change the ${field} of a team.`, field);
  }
  for (const field of limitFields) {
    const value = update[field];
    if (value === undefined) continue;
    const current = team[field];
    if (current === null) continue;
    if (value === null) deny(`${field}: only a proxy admin may remove the ${field} of a team.`, field);
    checkLimit(field, value, `team "${team.team_id}"`, current);
  }
  if (update.models !== undefined) {
    if (update.models.length === 0 && team.models.length > 0) {
      deny('models: only a proxy admin may lift the model restriction of a team.', 'models');
    }
    for (const model of update.models) {
      if (!listCovers(team.models, model, accessGroups)) {
        deny(`models: "${model}" is not among the current models of team "${team.team_id}".`, 'models');
      }
    }
  }
}
