/**
 * litellm's user roles: `proxy_admin` (everything), `proxy_admin_viewer` (read everything),
 * `org_admin`, `internal_user` (own keys and spend), `internal_user_viewer` (read own), and the
 * `team` / `customer` roles litellm gives to team service accounts and end users.
 */
export const userRoles = [
  'proxy_admin',
  'proxy_admin_viewer',
  'org_admin',
  'internal_user',
  'internal_user_viewer',
  'team',
  'customer',
] as const;

export type UserRole = (typeof userRoles)[number];

/** The role of a user inside one team (litellm's `members_with_roles[].role`). */
export const teamMemberRoles = ['admin', 'user'] as const;

export type TeamMemberRole = (typeof teamMemberRoles)[number];

export function isUserRole(value: unknown): value is UserRole {
  return typeof value === 'string' && (userRoles as ReadonlyArray<string>).includes(value);
}

export function isTeamMemberRole(value: unknown): value is TeamMemberRole {
  return typeof value === 'string' && (teamMemberRoles as ReadonlyArray<string>).includes(value);
}
