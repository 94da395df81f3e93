import { describe, expect, it } from 'vitest';
import { generateKey, hashKey } from '../src/key-hash.js';
import type { UserRole } from '../src/user-roles.js';
import { testBackends, useStoreFixture } from './test-databases.js';

const newToken = () => hashKey(generateKey());

describe.each(testBackends)('$name store: users', (backend) => {
  const fixture = useStoreFixture(backend);

  it('creates a user with litellm defaults and reads it back', async () => {
    const { store } = fixture();
    const created = await store.createUser({
      user_id: 'alice',
      user_email: 'alice@example.com',
      models: ['gpt-4o'],
      max_budget: 20,
      budget_duration: '7d',
      tpm_limit: 1000,
      metadata: { dept: 'r&d' },
      created_by: 'admin',
    });
    expect(created).toMatchObject({
      user_id: 'alice',
      user_role: 'internal_user',
      teams: [],
      spend: 0,
      budget_reset_at: new Date('2026-03-08T09:00:00.000Z'),
    });
    expect(await store.getUser('alice')).toEqual(created);
    expect(await store.getUser('nobody')).toBeNull();
  });

  it('refuses a duplicate user id and an unknown role', async () => {
    const { store } = fixture();
    await store.createUser({ user_id: 'bob' });
    await expect(store.createUser({ user_id: 'bob' })).rejects.toMatchObject({
      status: 409,
      param: 'user_id',
    });
    await expect(store.createUser({ user_id: 'carol', user_role: 'root' as UserRole })).rejects.toMatchObject(
      {
        status: 400,
        param: 'user_role',
      },
    );
    await expect(store.updateUser('bob', { user_role: 'superuser' as UserRole })).rejects.toMatchObject({
      param: 'user_role',
    });
  });

  it('updates a user; unknown users resolve to null', async () => {
    const { store } = fixture();
    await store.createUser({ user_id: 'dave', user_role: 'internal_user_viewer', rpm_limit: 5 });
    const updated = await store.updateUser('dave', { user_role: 'proxy_admin', rpm_limit: null, spend: 1.5 });
    expect(updated).toMatchObject({ user_role: 'proxy_admin', rpm_limit: null, spend: 1.5 });
    expect(await store.getUser('dave')).toEqual(updated);
    expect(await store.updateUser('nobody', { rpm_limit: 1 })).toBeNull();
  });

  it('lists users by role, email and team', async () => {
    const { store } = fixture();
    await store.createUser({ user_id: 'u1', user_role: 'proxy_admin', user_email: 'one@example.com' });
    await store.createUser({ user_id: 'u2' });
    await store.createUser({ user_id: 'u3' });
    await store.createTeam({ team_id: 'team', members_with_roles: [{ user_id: 'u3', role: 'user' }] });
    expect((await store.listUsers()).total).toBe(3);
    expect((await store.listUsers({ user_role: 'proxy_admin' })).items.map((user) => user.user_id)).toEqual([
      'u1',
    ]);
    expect((await store.listUsers({ user_email: 'one@example.com' })).items).toHaveLength(1);
    const members = await store.listUsers({ team_id: 'team' });
    expect(members.items.map((user) => [user.user_id, user.teams])).toEqual([['u3', ['team']]]);
  });

  it('deletes users with their keys and memberships', async () => {
    const { store } = fixture();
    await store.createUser({ user_id: 'gone' });
    await store.createUser({ user_id: 'kept' });
    await store.createTeam({
      team_id: 't',
      members_with_roles: [
        { user_id: 'gone', role: 'admin' },
        { user_id: 'kept', role: 'user' },
      ],
    });
    const gonesKey = newToken();
    const keptKey = newToken();
    await store.createKey({ token: gonesKey, user_id: 'gone' });
    await store.createKey({ token: keptKey, user_id: 'kept' });
    const result = await store.deleteUsers(['gone', 'never-existed'], { deleted_by: 'admin' });
    expect(result).toEqual({ deleted: ['gone'], keys: [gonesKey] });
    expect(await store.getUser('gone')).toBeNull();
    expect(await store.getKey(gonesKey)).toBeNull();
    expect(await store.getKey(keptKey)).not.toBeNull();
    expect((await store.getTeam('t'))?.members_with_roles).toEqual([{ user_id: 'kept', role: 'user' }]);
    expect(await store.deleteUsers([])).toEqual({ deleted: [], keys: [] });
  });
});

describe.each(testBackends)('$name store: teams', (backend) => {
  const fixture = useStoreFixture(backend);

  it('creates a team with members and reads it back', async () => {
    const { store } = fixture();
    const created = await store.createTeam({
      team_id: 'core',
      team_alias: 'Core',
      models: ['gpt-4o'],
      max_budget: 100,
      budget_duration: '1mo',
      rpm_limit: 600,
      members_with_roles: [
        { user_id: 'lead', role: 'admin' },
        { user_id: 'dev', role: 'user' },
      ],
      metadata: { cost_center: 42 },
    });
    expect(created).toMatchObject({
      team_id: 'core',
      blocked: false,
      spend: 0,
      budget_reset_at: new Date('2026-04-01T09:00:00.000Z'),
      members_with_roles: [
        { user_id: 'dev', role: 'user' },
        { user_id: 'lead', role: 'admin' },
      ],
    });
    expect(await store.getTeam('core')).toEqual(created);
    expect(await store.getTeam('none')).toBeNull();
  });

  it('refuses a duplicate team and an unknown member role, storing nothing', async () => {
    const { store } = fixture();
    await store.createTeam({ team_id: 'dup' });
    await expect(store.createTeam({ team_id: 'dup' })).rejects.toMatchObject({
      status: 409,
      param: 'team_id',
    });
    await expect(
      store.createTeam({ team_id: 'bad', members_with_roles: [{ user_id: 'x', role: 'owner' as 'admin' }] }),
    ).rejects.toMatchObject({ status: 400, param: 'members_with_roles[0].role' });
    expect(await store.getTeam('bad')).toBeNull();
  });

  it('adds, re-roles and removes members; users see their teams', async () => {
    const { store, clock } = fixture();
    await store.createUser({ user_id: 'ann' });
    await store.createTeam({ team_id: 'a' });
    await store.createTeam({ team_id: 'b' });
    clock.advance(1_000);
    const added = await store.addTeamMembers('a', [
      { user_id: 'ann', role: 'user' },
      { user_id: 'ben', role: 'user' },
    ]);
    expect(added?.members_with_roles).toHaveLength(2);
    expect(added?.updated_at).toEqual(new Date('2026-03-01T09:00:01.000Z'));
    await store.addTeamMembers('b', [{ user_id: 'ann', role: 'admin' }]);
    const promoted = await store.addTeamMembers('a', [{ user_id: 'ann', role: 'admin' }]);
    expect(promoted?.members_with_roles).toEqual([
      { user_id: 'ann', role: 'admin' },
      { user_id: 'ben', role: 'user' },
    ]);
    expect((await store.getUser('ann'))?.teams).toEqual(['a', 'b']);
    expect((await store.listTeams({ user_id: 'ann' })).items.map((team) => team.team_id)).toEqual(['a', 'b']);

    const removed = await store.removeTeamMembers('a', ['ann', 'not-a-member']);
    expect(removed?.members_with_roles).toEqual([{ user_id: 'ben', role: 'user' }]);
    expect((await store.getUser('ann'))?.teams).toEqual(['b']);
    expect(await store.addTeamMembers('missing', [{ user_id: 'x', role: 'user' }])).toBeNull();
    expect(await store.removeTeamMembers('missing', ['x'])).toBeNull();
  });

  it('updates, blocks and unblocks a team', async () => {
    const { store } = fixture();
    await store.createTeam({ team_id: 'ops', team_alias: 'Ops', tpm_limit: 10 });
    const updated = await store.updateTeam('ops', {
      team_alias: 'Operations',
      tpm_limit: null,
      models: ['m'],
    });
    expect(updated).toMatchObject({ team_alias: 'Operations', tpm_limit: null, models: ['m'] });
    expect((await store.setTeamBlocked('ops', true, 'admin'))?.blocked).toBe(true);
    expect((await store.getTeam('ops'))?.blocked).toBe(true);
    expect((await store.setTeamBlocked('ops', false))?.blocked).toBe(false);
    expect(await store.updateTeam('none', { team_alias: 'x' })).toBeNull();
    expect((await store.listTeams({ team_alias: 'Operations' })).total).toBe(1);
  });

  it('deletes teams with their keys and memberships', async () => {
    const { store } = fixture();
    await store.createTeam({ team_id: 'old', members_with_roles: [{ user_id: 'u', role: 'admin' }] });
    await store.createUser({ user_id: 'u' });
    const teamKey = newToken();
    const personalKey = newToken();
    await store.createKey({ token: teamKey, team_id: 'old', user_id: 'u' });
    await store.createKey({ token: personalKey, user_id: 'u' });
    expect(await store.deleteTeams(['old'])).toEqual({ deleted: ['old'], keys: [teamKey] });
    expect(await store.getTeam('old')).toBeNull();
    expect(await store.getKey(teamKey)).toBeNull();
    expect(await store.getKey(personalKey)).not.toBeNull();
    expect((await store.getUser('u'))?.teams).toEqual([]);
  });
});
