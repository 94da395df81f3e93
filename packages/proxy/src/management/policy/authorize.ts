import { PermissionDeniedError } from '@switchyard/core';
import type { Team, VirtualKey } from '@switchyard/store';
import type { Principal } from '../../governance/principal.js';
import { routeAllowed, routeMatches } from '../route-groups.js';
import { type Actor, actorOf, isTeamAdmin, memberRole } from './actor.js';

const regenerateRoute = '/key/{key}/regenerate';

/** Who a key belongs to (after a create or an update). */
export interface KeyOwner {
  user_id: string | null;
  team_id: string | null;
}

/** The target of each management action (what the route loaded before asking). */
export interface PolicyTargets {
  /** Read a key's settings (info, list entries). */
  'key:read': { key: VirtualKey; team: Team | null };
  'key:update': { key: VirtualKey; team: Team | null };
  'key:delete': { key: VirtualKey; team: Team | null };
  'key:regenerate': { key: VirtualKey; team: Team | null };
  /** Block or unblock a key (also changing `blocked` through /key/update). */
  'key:block': { key: VirtualKey; team: Team | null };
  /**
   * List keys: of one user (`userId`) and/or one team (`teamId`); all keys when both are null.
   * A team admin lists all of the team's keys; a member only its own.
   */
  'key:list': { userId: string | null; teamId: string | null; team: Team | null };
  /** Give a key this owner: on creation, or when an update changes its user_id or team_id. */
  'key:assign': { owner: KeyOwner; team: Team | null };
  'user:create': null;
  /** `sharedTeams`: the teams of the target user that the caller belongs to. */
  'user:read': { userId: string; sharedTeams: ReadonlyArray<Team> };
  'user:list': null;
  'user:update': null;
  'user:delete': null;
  'team:create': null;
  'team:read': { team: Team };
  /** List teams: of one user (`userId`), or all of them (null). */
  'team:list': { userId: string | null };
  'team:update': { team: Team };
  'team:delete': null;
  'team:block': null;
  /** Add or remove team members. */
  'team:members': { team: Team };
  /**
   * Read spend of a user, a team or a key; each given filter must be within the caller's scope.
   * Unscoped (all spend) when all are null.
   */
  'spend:read': {
    userId: string | null;
    teamId: string | null;
    team: Team | null;
    key: VirtualKey | null;
    /** The team of `key`, when it has one. */
    keyTeam: Team | null;
  };
}

export type ManagementAction = keyof PolicyTargets;

function deny(message: string, param: string | null = null): never {
  throw new PermissionDeniedError({ message, param, code: 'forbidden' });
}

function requireWriter(actor: Actor): void {
  if (actor.readOnly) deny(`Your role (${actor.role}) may read but not change anything.`);
  if (!actor.admin && actor.userId === null) {
    deny('This key belongs to no user: it may call the model routes and read its own /key/info only.');
  }
}

function requireAdmin(actor: Actor, what: string): void {
  if (!actor.admin) deny(`Only a proxy admin may ${what}; your role is ${actor.role}.`);
}

function canReadKey(actor: Actor, key: VirtualKey, team: Team | null): boolean {
  if (actor.readsAll || actor.key?.token === key.token) return true;
  if (actor.userId !== null && key.user_id === actor.userId) return true;
  return isTeamAdmin(actor, team);
}

function changeKey(actor: Actor, { key, team }: PolicyTargets['key:update']): void {
  requireWriter(actor);
  if (actor.admin) return;
  if (actor.userId !== null && key.user_id === actor.userId) return;
  if (isTeamAdmin(actor, team)) return;
  deny('You may only change your own keys, or the keys of a team you administer.', 'key');
}

function assignKey(actor: Actor, { owner, team }: PolicyTargets['key:assign']): void {
  requireWriter(actor);
  if (actor.admin) return;
  if (owner.team_id !== null) {
    const role = memberRole(team, actor.userId);
    if (role === null) deny(`team_id: you are not a member of team "${owner.team_id}".`, 'team_id');
    if (role === 'admin') {
      if (owner.user_id === null || memberRole(team, owner.user_id) !== null) return;
      deny(`user_id: "${owner.user_id}" is not a member of team "${owner.team_id}".`, 'user_id');
    }
  }
  if (owner.user_id !== actor.userId) {
    deny(`user_id: you may only hold keys for yourself (user_id "${actor.userId}").`, 'user_id');
  }
}

function listKeys(actor: Actor, { userId, teamId, team }: PolicyTargets['key:list']): void {
  if (actor.readsAll) return;
  if (actor.userId === null) deny('This key belongs to no user: it may read its own /key/info only.');
  if (teamId !== null && memberRole(team, actor.userId) === null) {
    deny(`team_id: you are not a member of team "${teamId}".`, 'team_id');
  }
  const teamAdmin = teamId !== null && isTeamAdmin(actor, team);
  if (
    userId === null
      ? !teamAdmin
      : userId !== actor.userId && !(teamAdmin && memberRole(team, userId) !== null)
  ) {
    deny('user_id: you may only list your own keys, or the keys of a team you administer.', 'user_id');
  }
}

function changeTeam(actor: Actor, { team }: { team: Team }): void {
  requireWriter(actor);
  if (!actor.admin && !isTeamAdmin(actor, team)) {
    deny(`team_id: only a proxy admin or an admin of team "${team.team_id}" may change it.`, 'team_id');
  }
}

function readSpend(actor: Actor, target: PolicyTargets['spend:read']): void {
  if (actor.readsAll) return;
  if (actor.userId === null) deny('This key belongs to no user: it may not read spend.');
  if (target.key && !canReadKey(actor, target.key, target.keyTeam)) {
    deny('api_key: you may only read the spend of your own keys.', 'api_key');
  }
  if (target.teamId !== null && !isTeamAdmin(actor, target.team)) {
    deny(`team_id: only an admin of team "${target.teamId}" may read its spend.`, 'team_id');
  }
  if (target.userId !== null && target.userId !== actor.userId) {
    const inTeam = target.teamId !== null && memberRole(target.team, target.userId) !== null;
    if (!inTeam) deny('user_id: you may only read your own spend.', 'user_id');
  }
}

type Rules = { [A in ManagementAction]: (actor: Actor, target: PolicyTargets[A]) => void };

const adminOnly = (what: string) => (actor: Actor) => requireAdmin(actor, what);

const rules: Rules = {
  'key:read': (actor, { key, team }) => {
    if (!canReadKey(actor, key, team)) deny('You may not read this key: it is not yours.', 'key');
  },
  'key:update': changeKey,
  'key:delete': changeKey,
  'key:regenerate': changeKey,
  'key:block': (actor, { team }) => {
    requireWriter(actor);
    if (!actor.admin && !isTeamAdmin(actor, team)) {
      deny('Only a proxy admin or an admin of the key’s team may block or unblock a key.', 'key');
    }
  },
  'key:list': listKeys,
  'key:assign': assignKey,
  'user:create': adminOnly('create users'),
  'user:read': (actor, { userId, sharedTeams }) => {
    if (actor.readsAll || userId === actor.userId) return;
    if (sharedTeams.some((team) => isTeamAdmin(actor, team) && memberRole(team, userId) !== null)) return;
    deny('user_id: you may only read your own user, or members of a team you administer.', 'user_id');
  },
  'user:list': (actor) => {
    if (!actor.readsAll)
      deny(`Only a proxy admin or proxy admin viewer may list users; your role is ${actor.role}.`);
  },
  'user:update': adminOnly('change users'),
  'user:delete': adminOnly('delete users'),
  'team:create': adminOnly('create teams'),
  'team:read': (actor, { team }) => {
    if (actor.readsAll || memberRole(team, actor.userId) !== null || actor.key?.team_id === team.team_id)
      return;
    deny(`team_id: you are not a member of team "${team.team_id}".`, 'team_id');
  },
  'team:list': (actor, { userId }) => {
    if (!actor.readsAll && (userId === null || userId !== actor.userId)) {
      deny('user_id: you may only list your own teams.', 'user_id');
    }
  },
  'team:update': changeTeam,
  'team:delete': adminOnly('delete teams'),
  'team:block': adminOnly('block or unblock teams'),
  'team:members': changeTeam,
  'spend:read': readSpend,
};

/**
 * The one place management routes ask whether the caller may act: throws a 403
 * (`PermissionDeniedError`, naming the offending field when there is one) or returns.
 *
 * litellm's roles: `proxy_admin` (and the master key) may do everything; `proxy_admin_viewer` may
 * read everything and change nothing; `internal_user` manages its own keys and reads its own user
 * and spend; `internal_user_viewer` reads its own; a team admin (role `admin` in a team's members)
 * manages that team's keys and members. A key without a user reads its own key only.
 */
export function authorize<A extends ManagementAction>(
  principal: Principal,
  action: A,
  target: PolicyTargets[A],
): void {
  const rule = rules[action] as (actor: Actor, target: PolicyTargets[A]) => void;
  rule(actorOf(principal), target);
}

/**
 * Management routes refuse a virtual key whose `allowed_routes` does not include them (an empty
 * list leaves it to the roles).
 */
export function authorizeRoute(principal: Principal, path: string): void {
  if (principal.kind === 'master') return;
  const allowed = principal.context.key.allowed_routes;
  if (!routeAllowed(allowed, path)) {
    // Named by its template: /key/{key}/regenerate carries a key in its path.
    const route = routeMatches(regenerateRoute, path) ? regenerateRoute : path;
    deny(`This key may not call ${route}: its allowed_routes are ${allowed.join(', ')}.`);
  }
}
