import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, type ManagementClient, managementClient, ok } from './management-client.js';
import { startTestProxy, type TestProxy } from './start-test-proxy.js';

let setup: TestProxy;
let admin: ManagementClient;

beforeAll(async () => {
  setup = await startTestProxy();
  admin = managementClient(setup.proxy.url);
});
afterAll(() => setup.close());

interface UserBody {
  user_id: string;
  user_role: string;
  user_email: string | null;
  max_budget: number | null;
  models: string[];
  teams: string[];
  key: string | null;
  token: string | null;
}

interface TeamBody {
  team_id: string;
  team_alias: string | null;
  blocked: boolean;
  members_with_roles: Array<{ user_id: string; role: string }>;
}

describe('users', () => {
  it('creates a user with a key of its own (litellm’s auto_create_key), reads, updates, lists and deletes it', async () => {
    const created = ok<UserBody>(
      await admin.post('/user/new', {
        user_id: 'ada',
        user_email: 'ada@example.com',
        max_budget: 25,
        budget_duration: '30d',
        models: ['gpt-test', 'local'],
        key_alias: 'ada-key',
        duration: '1h',
      }),
    );
    expect(created).toMatchObject({
      user_id: 'ada',
      user_role: 'internal_user',
      max_budget: 25,
      models: ['gpt-test', 'local'],
    });
    expect(created.key).toMatch(/^sk-/);
    expect(await admin.as(created.key ?? '').chatStatus()).toBe(200);

    const info = ok<{
      user_id: string;
      user_info: UserBody;
      keys: Array<{ token: string; key_alias: string }>;
    }>(await admin.get('/user/info', { user_id: 'ada' }));
    expect(info.user_info).toMatchObject({
      user_id: 'ada',
      user_email: 'ada@example.com',
      budget_duration: '30d',
    });
    expect(info.keys).toEqual([expect.objectContaining({ token: created.token, key_alias: 'ada-key' })]);
    expect(JSON.stringify(info)).not.toContain(created.key);

    const updated = ok<{ user_id: string; data: UserBody }>(
      await admin.post('/user/update', { user_id: 'ada', max_budget: 50, user_role: 'internal_user_viewer' }),
    );
    expect(updated.data).toMatchObject({
      max_budget: 50,
      user_role: 'internal_user_viewer',
      models: ['gpt-test', 'local'],
    });
    const byEmail = ok<{ data: UserBody }>(
      await admin.post('/user/update', { user_email: 'ada@example.com', max_budget: null }),
    );
    expect(byEmail.data).toMatchObject({ user_id: 'ada', max_budget: null });

    ok(
      await admin.post('/user/new', {
        user_id: 'bob',
        auto_create_key: false,
        user_role: 'proxy_admin_viewer',
      }),
    );
    const listed = ok<{ users: Array<UserBody & { key_count: number }>; total: number; total_pages: number }>(
      await admin.get('/user/list', { page_size: 1 }),
    );
    expect(listed).toMatchObject({ total: 2, total_pages: 2 });
    const viewers = ok<{ users: UserBody[] }>(await admin.get('/user/list', { role: 'proxy_admin_viewer' }));
    expect(viewers.users.map((user) => user.user_id)).toEqual(['bob']);
    const some = ok<{ users: Array<UserBody & { key_count: number }> }>(
      await admin.get('/user/list', { user_ids: 'ada,nobody' }),
    );
    expect(some.users).toEqual([expect.objectContaining({ user_id: 'ada', key_count: 1 })]);

    const deleted = ok(await admin.post('/user/delete', { user_ids: ['ada'] }));
    expect(deleted).toEqual({ deleted_users: ['ada'], deleted_keys: [created.token] });
    expect(await admin.as(created.key ?? '').chatStatus()).toBe(401);
    expectError(await admin.get('/user/info', { user_id: 'ada' }), 404, 'user_id');
  });

  it('refuses duplicates (409), unknown users (404) and bad fields (400), writing nothing', async () => {
    ok(
      await admin.post('/user/new', {
        user_id: 'dup',
        user_email: 'dup@example.com',
        auto_create_key: false,
      }),
    );
    expectError(await admin.post('/user/new', { user_id: 'dup' }), 409, 'user_id');
    expectError(
      await admin.post('/user/new', { user_id: 'dup2', user_email: 'dup@example.com' }),
      409,
      'user_email',
    );
    expectError(await admin.post('/user/new', { user_id: 'dup3', user_role: 'emperor' }), 400, 'user_role');
    expectError(await admin.post('/user/new', { user_id: 'dup4', password: 'secret123' }), 400, 'password');
    expectError(await admin.post('/user/new', { user_id: 'dup5', teams: ['no-team'] }), 404, 'teams[0]');
    expectError(
      await admin.post('/user/new', { user_id: 'dup6', budget_duration: 'weekly' }),
      400,
      'budget_duration',
    );
    for (const id of ['dup2', 'dup3', 'dup4', 'dup5', 'dup6'])
      expectError(await admin.get('/user/info', { user_id: id }), 404);
    expectError(await admin.post('/user/update', { max_budget: 1 }), 400, 'user_id');
    expectError(await admin.post('/user/update', { user_id: 'ghost', max_budget: 1 }), 404, 'user_id');
    expectError(await admin.post('/user/delete', { user_ids: ['dup', 'ghost'] }), 404, 'user_ids[1]');
    ok(await admin.get('/user/info', { user_id: 'dup' }));
  });
});

describe('teams and membership', () => {
  it('creates, reads, updates, lists, blocks and deletes a team with its keys', async () => {
    ok(await admin.post('/user/new', { user_id: 'tess', auto_create_key: false }));
    const team = ok<TeamBody>(
      await admin.post('/team/new', {
        team_id: 'core',
        team_alias: 'Core',
        max_budget: 100,
        rpm_limit: 60,
        models: ['local'],
        members_with_roles: [{ user_id: 'tess', role: 'admin' }],
      }),
    );
    expect(team).toMatchObject({
      team_id: 'core',
      team_alias: 'Core',
      members_with_roles: [{ user_id: 'tess', role: 'admin' }],
    });
    expect(
      ok<{ user_info: UserBody }>(await admin.get('/user/info', { user_id: 'tess' })).user_info,
    ).toMatchObject({
      teams: ['core'],
    });

    const key = ok<{ key: string; token: string }>(
      await admin.post('/key/generate', { team_id: 'core', user_id: 'tess' }),
    );
    expect(await admin.as(key.key).chatStatus()).toBe(200);
    const info = ok<{ team_info: TeamBody; keys: Array<{ token: string }> }>(
      await admin.get('/team/info', { team_id: 'core' }),
    );
    expect(info.team_info).toMatchObject({ max_budget: 100, rpm_limit: 60, models: ['local'] });
    expect(info.keys.map((entry) => entry.token)).toEqual([key.token]);

    const updated = ok<{ team_id: string; data: TeamBody }>(
      await admin.post('/team/update', { team_id: 'core', max_budget: 200, team_alias: 'Core team' }),
    );
    expect(updated).toMatchObject({ team_id: 'core', data: { max_budget: 200, team_alias: 'Core team' } });

    ok(await admin.post('/team/new', { team_id: 'other', team_alias: 'Other' }));
    const all = ok<TeamBody[]>(await admin.get('/team/list'));
    expect(all.map((entry) => entry.team_id).sort()).toEqual(['core', 'other']);
    const tessTeams = ok<TeamBody[]>(await admin.get('/team/list', { user_id: 'tess' }));
    expect(tessTeams.map((entry) => entry.team_id)).toEqual(['core']);
    expect(ok<TeamBody[]>(await admin.get('/team/list', { page: 2, page_size: 1 }))).toHaveLength(1);

    expect(ok<TeamBody>(await admin.post('/team/block', { team_id: 'core' })).blocked).toBe(true);
    const refused = await admin
      .as(key.key)
      .post('/v1/chat/completions', { model: 'local', messages: [{ role: 'user', content: 'x' }] });
    expect(expectError(refused, 401).code).toBe('team_blocked');
    expect(ok<TeamBody>(await admin.post('/team/unblock', { team_id: 'core' })).blocked).toBe(false);
    expect(await admin.as(key.key).chatStatus()).toBe(200);

    expect(ok(await admin.post('/team/delete', { team_ids: ['core'] }))).toEqual({
      deleted_teams: ['core'],
      deleted_keys: [key.token],
    });
    expect(await admin.as(key.key).chatStatus()).toBe(401);
    expectError(await admin.get('/team/info', { team_id: 'core' }), 404, 'team_id');
    expectError(await admin.post('/team/delete', { team_ids: ['other', 'core'] }), 404, 'team_ids[1]');
    ok(await admin.get('/team/info', { team_id: 'other' }));
  });

  it('adds and removes members (creating unknown users, as litellm), refusing duplicates', async () => {
    ok(await admin.post('/team/new', { team_id: 'crew' }));
    const added = ok<TeamBody & { updated_users: UserBody[] }>(
      await admin.post('/team/member_add', {
        team_id: 'crew',
        member: [
          { user_id: 'newbie', role: 'user' },
          { user_email: 'lead@example.com', role: 'admin' },
        ],
      }),
    );
    expect(added.members_with_roles).toHaveLength(2);
    const lead = added.updated_users.find((user) => user.user_email === 'lead@example.com');
    expect(lead?.teams).toEqual(['crew']);
    expect(added.members_with_roles).toContainEqual({ user_id: lead?.user_id, role: 'admin' });
    expect(
      ok<{ user_info: UserBody }>(await admin.get('/user/info', { user_id: 'newbie' })).user_info.teams,
    ).toEqual(['crew']);

    expectError(
      await admin.post('/team/member_add', { team_id: 'crew', member: { user_id: 'newbie', role: 'user' } }),
      409,
      'member',
    );
    expectError(
      await admin.post('/team/member_add', { team_id: 'nope', member: { user_id: 'x', role: 'user' } }),
      404,
      'team_id',
    );
    expectError(await admin.post('/team/member_add', { team_id: 'crew', member: { role: 'user' } }), 400);
    expectError(
      await admin.post('/team/member_add', { team_id: 'crew', member: { user_id: 'x', role: 'owner' } }),
      400,
    );

    const removed = ok<TeamBody>(
      await admin.post('/team/member_delete', { team_id: 'crew', user_email: 'lead@example.com' }),
    );
    expect(removed.members_with_roles).toEqual([{ user_id: 'newbie', role: 'user' }]);
    expectError(
      await admin.post('/team/member_delete', { team_id: 'crew', user_id: 'stranger' }),
      404,
      'user_id',
    );
  });

  it('validates team bodies and refuses a duplicate team_id', async () => {
    ok(await admin.post('/team/new', { team_id: 'unique' }));
    expectError(await admin.post('/team/new', { team_id: 'unique' }), 409, 'team_id');
    expectError(await admin.post('/team/new', { max_budget: -5 }), 400, 'max_budget');
    expectError(await admin.post('/team/new', { tags: ['a'] }), 400, 'tags');
    expectError(await admin.post('/team/update', { max_budget: 5 }), 400, 'team_id');
    expectError(await admin.post('/team/update', { team_id: 'nope', max_budget: 5 }), 404, 'team_id');
    expectError(await admin.get('/team/info'), 400, 'team_id');
    expectError(await admin.post('/team/block', { team_id: 'nope' }), 404, 'team_id');
  });
});
