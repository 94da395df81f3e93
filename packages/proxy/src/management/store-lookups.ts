import { NotFoundError } from '@switchyard/core';
import { type Store, type Team, toKeyHash, type User, type VirtualKey } from '@switchyard/store';

/** Lookups that turn "not there" into a 404 naming the request field. */

export function notFound(message: string, param: string): NotFoundError {
  return new NotFoundError({ message, param, code: 'not_found' });
}

/** The key a request names (plaintext or hash); never repeats the key in the error. */
export async function requireKey(store: Store, reference: string, param = 'key'): Promise<VirtualKey> {
  const key = await store.getKey(toKeyHash(reference));
  if (!key) throw notFound(`${param}: no such key (it may have been deleted)`, param);
  return key;
}

export async function requireTeam(store: Store, teamId: string, param = 'team_id'): Promise<Team> {
  const team = await store.getTeam(teamId);
  if (!team) throw notFound(`${param}: team "${teamId}" not found`, param);
  return team;
}

export async function requireUser(store: Store, userId: string, param = 'user_id'): Promise<User> {
  const user = await store.getUser(userId);
  if (!user) throw notFound(`${param}: user "${userId}" not found`, param);
  return user;
}

/** The team a key belongs to, or null (no team, or the team is gone). */
export function teamOf(store: Store, teamId: string | null): Promise<Team | null> {
  return teamId === null ? Promise.resolve(null) : store.getTeam(teamId);
}

/** The user with this email (the first, when several share it), or null. */
export async function userByEmail(store: Store, email: string): Promise<User | null> {
  const page = await store.listUsers({ user_email: email, limit: 1 });
  return page.items[0] ?? null;
}
