import type { Team, TeamMemberRole, User, UserRole, VirtualKey } from '@switchyard/store';
import type { Principal } from '../../governance/principal.js';

/** The caller of a management route, as the policy sees it. */
export interface Actor {
  role: UserRole;
  /** proxy_admin (the master key included): may do everything. */
  admin: boolean;
  /** proxy_admin or proxy_admin_viewer: may read everything. */
  readsAll: boolean;
  /** proxy_admin_viewer, internal_user_viewer and customer: may change nothing. */
  readOnly: boolean;
  /** The caller's user when its key belongs to an existing user; null otherwise (master, userless keys). */
  userId: string | null;
  user: User | null;
  /** The caller's own key (null for the master key). */
  key: VirtualKey | null;
}

const readOnlyRoles: ReadonlySet<UserRole> = new Set([
  'proxy_admin_viewer',
  'internal_user_viewer',
  'customer',
]);

export function actorOf(principal: Principal): Actor {
  if (principal.kind === 'master') {
    return {
      role: 'proxy_admin',
      admin: true,
      readsAll: true,
      readOnly: false,
      userId: null,
      user: null,
      key: null,
    };
  }
  const { key, user } = principal.context;
  const role = principal.role;
  return {
    role,
    admin: role === 'proxy_admin',
    readsAll: role === 'proxy_admin' || role === 'proxy_admin_viewer',
    readOnly: readOnlyRoles.has(role),
    userId: user ? user.user_id : null,
    user,
    key,
  };
}

/** The role of `userId` in `team`, or null when not a member. */
export function memberRole(team: Team | null | undefined, userId: string | null): TeamMemberRole | null {
  if (!team || userId === null) return null;
  return team.members_with_roles.find((member) => member.user_id === userId)?.role ?? null;
}

/** True when the actor is an admin member of `team` (litellm's team admin). */
export function isTeamAdmin(actor: Actor, team: Team | null | undefined): boolean {
  return memberRole(team, actor.userId) === 'admin';
}
