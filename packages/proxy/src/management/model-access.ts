import type { Principal } from '../governance/principal.js';
import type { AccessGroups } from './access-groups.js';

/** litellm's special entries of a `models` list. */
export const specialModelNames = {
  /** Every model the proxy serves. */
  allProxyModels: 'all-proxy-models',
  /** On a key: whatever the key's team may call. */
  allTeamModels: 'all-team-models',
  /** On a user: no models of their own, only what their teams allow (personal keys call nothing). */
  noDefaultModels: 'no-default-models',
} as const;

export type ModelAccessLevel = 'key' | 'user' | 'team';

export type ModelAccess =
  | { allowed: true }
  | {
      allowed: false;
      /** The level whose `models` list refuses the model. */
      level: ModelAccessLevel;
      /** That level's list, as configured (access group names included). */
      allowedModels: ReadonlyArray<string>;
    };

const noGroups: AccessGroups = new Map();

/**
 * True when `list` lets its holder call `model`: an empty list restricts nothing; otherwise the
 * model must be listed by name, match a listed wildcard (`openai/*`), belong to a listed access
 * group, or the list holds `all-proxy-models`.
 */
export function modelListAllows(
  list: ReadonlyArray<string>,
  model: string,
  accessGroups: AccessGroups = noGroups,
): boolean {
  if (list.length === 0) return true;
  for (const entry of list) {
    if (entry === model || entry === specialModelNames.allProxyModels) return true;
    if (entry.endsWith('*') && model.startsWith(entry.slice(0, -1))) return true;
    if (accessGroups.get(entry)?.includes(model)) return true;
  }
  return false;
}

/**
 * Whether a principal may call `model` (a public model name): the intersection of its key's,
 * user's and team's `models` lists (an empty list does not restrict its level). The master key
 * may call everything. Access groups (deployments' `model_info.access_groups`) expand group names.
 *
 * litellm's special names: `all-proxy-models` allows everything at its level; a key listing
 * `all-team-models` defers to its team; a user listing `no-default-models` may call nothing with a
 * personal key, while on a team key the user's list is not consulted (the team decides).
 */
export function modelAccess(principal: Principal, model: string, accessGroups?: AccessGroups): ModelAccess {
  if (principal.kind === 'master') return { allowed: true };
  const { key, user, team } = principal.context;
  const keyModels = key.models.filter((entry) => entry !== specialModelNames.allTeamModels);
  if (!modelListAllows(keyModels, model, accessGroups)) {
    return { allowed: false, level: 'key', allowedModels: key.models };
  }
  if (user) {
    const personal = !key.team_id;
    const noDefaults = user.models.includes(specialModelNames.noDefaultModels);
    if (noDefaults ? personal : !modelListAllows(user.models, model, accessGroups)) {
      return { allowed: false, level: 'user', allowedModels: user.models };
    }
  }
  if (team && !modelListAllows(team.models, model, accessGroups)) {
    return { allowed: false, level: 'team', allowedModels: team.models };
  }
  return { allowed: true };
}
