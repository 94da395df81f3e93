import { randomUUID } from 'node:crypto';
import type { Store, TeamMember, User } from '@switchyard/store';
import type { MemberInput } from './schemas/team-schemas.js';
import { userByEmail } from './store-lookups.js';

/**
 * The team members a request names, as user ids. As litellm's /team/member_add, a member that is
 * not a user yet (unknown user_id, or an email no user has) becomes a new `internal_user`; those
 * are returned in `created` so the answer can show them.
 */
export async function resolveMembers(
  store: Store,
  members: ReadonlyArray<MemberInput>,
  createdBy: string | null,
): Promise<{ members: TeamMember[]; users: User[] }> {
  const resolved = new Map<string, TeamMember>();
  const users: User[] = [];
  for (const member of members) {
    let user = member.user_id ? await store.getUser(member.user_id) : null;
    if (!user && !member.user_id && member.user_email) user = await userByEmail(store, member.user_email);
    if (!user) {
      user = await store.createUser({
        user_id: member.user_id ?? randomUUID(),
        user_email: member.user_email ?? null,
        created_by: createdBy,
      });
    }
    users.push(user);
    resolved.set(user.user_id, { user_id: user.user_id, role: member.role });
  }
  return { members: [...resolved.values()], users };
}
