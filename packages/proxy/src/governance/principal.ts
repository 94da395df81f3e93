import type { KeyContext, UserRole } from '@switchyard/store';

/**
 * Who is calling, as the auth middleware resolved it: the master key (everything), or a virtual
 * key with its user and team as the store had them (at most a few seconds old; see KeyResolver).
 */
export type Principal = MasterPrincipal | VirtualKeyPrincipal;

export interface MasterPrincipal {
  kind: 'master';
  /** The master key acts as a proxy admin. */
  role: 'proxy_admin';
}

export interface VirtualKeyPrincipal {
  kind: 'virtual';
  /** SHA-256 hash of the presented key (the store's `token`). */
  token: string;
  context: KeyContext;
  /**
   * The key's role: its user's `user_role`; a key without a user is an `internal_user` limited to
   * the model routes and its own key's info (litellm's behaviour for such keys).
   */
  role: UserRole;
}

export const masterPrincipal: MasterPrincipal = { kind: 'master', role: 'proxy_admin' };

/** The role a virtual key acts with. */
export function roleOfKey(context: KeyContext): UserRole {
  return context.user?.user_role ?? 'internal_user';
}
