import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError, type ManagementClient, managementClient, ok } from './management-client.js';
import { startTestProxy, type TestProxy } from './start-test-proxy.js';

// Each of litellm's roles against the management API: what it may do, and the 403 it gets for
// what it may not.

let setup: TestProxy;
let admin: ManagementClient;
const as: Record<string, ManagementClient> = {};
const tokens: Record<string, string> = {};

async function newUser(userId: string, fields: Record<string, unknown> = {}): Promise<void> {
  const created = ok<{ key: string; token: string }>(
    await admin.post('/user/new', { user_id: userId, ...fields }),
  );
  as[userId] = admin.as(created.key);
  tokens[userId] = created.token;
}

function client(name: string): ManagementClient {
  const found = as[name];
  if (!found) throw new Error(`no client for ${name}`);
  return found;
}

beforeAll(async () => {
  setup = await startTestProxy();
  admin = managementClient(setup.proxy.url);
  await newUser('root', { user_role: 'proxy_admin' });
  await newUser('vera', { user_role: 'proxy_admin_viewer' });
  await newUser('alice', { models: ['gpt-test', 'local'], max_budget: 10, rpm_limit: 100 });
  await newUser('carl', { user_role: 'internal_user_viewer' });
  await newUser('tina');
  await newUser('tom');
  await newUser('bea');
  ok(
    await admin.post('/team/new', {
      team_id: 'red',
      models: ['local'],
      max_budget: 50,
      tpm_limit: 1000,
      members_with_roles: [
        { user_id: 'tina', role: 'admin' },
        { user_id: 'tom', role: 'user' },
      ],
    }),
  );
  ok(
    await admin.post('/team/new', {
      team_id: 'blue',
      members_with_roles: [{ user_id: 'bea', role: 'admin' }],
    }),
  );
});
afterAll(() => setup.close());

describe('proxy_admin (a user with the role, not only the master key)', () => {
  it('manages users, teams and everyone’s keys', async () => {
    const root = client('root');
    ok(await root.post('/user/new', { user_id: 'made-by-root', auto_create_key: false }));
    ok(await root.post('/team/new', { team_id: 'green' }));
    const key = ok<{ key: string; user_id: string }>(
      await root.post('/key/generate', { user_id: 'alice', models: ['gpt-4o'] }),
    );
    expect(key.user_id).toBe('alice');
    ok(await root.post('/key/block', { key: key.key }));
    ok(await root.get('/user/list'));
    ok(await root.post('/key/delete', { keys: [key.key] }));
  });
});

describe('proxy_admin_viewer', () => {
  it('reads everything', async () => {
    const vera = client('vera');
    ok(await vera.get('/user/list'));
    ok(await vera.get('/user/info', { user_id: 'alice' }));
    ok(await vera.get('/key/info', { key: tokens.alice ?? '' }));
    ok(await vera.get('/team/info', { team_id: 'red' }));
    expect(ok<{ total_count: number }>(await vera.get('/key/list')).total_count).toBeGreaterThanOrEqual(7);
    ok(await vera.get('/spend/logs'));
    ok(await vera.get('/global/spend'));
  });

  it('changes nothing (403)', async () => {
    const vera = client('vera');
    expectError(await vera.post('/key/generate', {}), 403);
    expectError(await vera.post('/key/update', { key: tokens.alice, max_budget: 1 }), 403);
    expectError(await vera.post('/key/delete', { keys: [tokens.alice] }), 403);
    expectError(await vera.post('/user/new', { user_id: 'x' }), 403);
    expectError(await vera.post('/team/update', { team_id: 'red', team_alias: 'x' }), 403);
    expectError(
      await vera.post('/team/member_add', { team_id: 'red', member: { user_id: 'x', role: 'user' } }),
      403,
    );
  });
});

describe('internal_user', () => {
  it('manages its own keys', async () => {
    const alice = client('alice');
    const own = ok<{ key: string; token: string; user_id: string }>(
      await alice.post('/key/generate', { models: ['local'], max_budget: 5 }),
    );
    expect(own.user_id).toBe('alice');
    expect(await alice.as(own.key).chatStatus()).toBe(200);
    ok(await alice.post('/key/update', { key: own.key, max_budget: 8 }));
    ok(await alice.get('/key/info', { key: own.token }));
    const regenerated = ok<{ key: string }>(await alice.post('/key/regenerate', { key: own.key }));
    const listed = ok<{ keys: string[]; total_count: number }>(await alice.get('/key/list'));
    expect(listed.total_count).toBe(2);
    ok(await alice.post('/key/delete', { keys: [regenerated.key] }));
    ok(await alice.get('/user/info'));
    ok(await alice.get('/spend/logs'));
  });

  it('may not touch other users’ keys, users or teams (403 naming the field)', async () => {
    const alice = client('alice');
    expectError(await alice.post('/key/generate', { user_id: 'tom' }), 403, 'user_id');
    expectError(await alice.post('/key/generate', { team_id: 'red' }), 403, 'team_id');
    expectError(await alice.post('/key/update', { key: tokens.tom, max_budget: 1 }), 403, 'key');
    expectError(await alice.post('/key/delete', { keys: [tokens.tom] }), 403, 'key');
    expectError(await alice.post('/key/regenerate', { key: tokens.tom }), 403, 'key');
    expectError(await alice.get('/key/info', { key: tokens.tom ?? '' }), 403, 'key');
    expectError(await alice.get('/key/list', { user_id: 'tom' }), 403, 'user_id');
    expectError(await alice.post('/key/block', { key: tokens.alice }), 403, 'key');
    expectError(await alice.post('/key/update', { key: tokens.alice, user_id: 'tom' }), 403, 'user_id');
    expectError(await alice.get('/user/info', { user_id: 'tom' }), 403, 'user_id');
    expectError(await alice.get('/user/list'), 403);
    expectError(await alice.post('/user/new', { user_id: 'x' }), 403);
    expectError(await alice.post('/user/update', { user_id: 'alice', max_budget: 1000 }), 403);
    expectError(await alice.post('/team/new', { team_id: 'mine' }), 403);
    expectError(await alice.get('/team/info', { team_id: 'red' }), 403, 'team_id');
    expectError(await alice.get('/spend/logs', { user_id: 'tom' }), 403, 'user_id');
    expectError(
      await alice.get('/global/spend/report', {
        start_date: '2026-01-01',
        end_date: '2026-01-31',
        team_id: 'red',
      }),
      403,
      'team_id',
    );
    expect(await client('tom').chatStatus()).toBe(200);
  });

  it('cannot give a key more than it has itself', async () => {
    const alice = client('alice');
    const models = expectError(await alice.post('/key/generate', { models: ['gpt-4o'] }), 403, 'models');
    expect(models.message).toContain('gpt-4o');
    expectError(await alice.post('/key/generate', { models: ['all-proxy-models'] }), 403, 'models');
    expect(
      expectError(await alice.post('/key/generate', { max_budget: 20 }), 403, 'max_budget').message,
    ).toContain('10');
    expectError(await alice.post('/key/generate', { rpm_limit: 101 }), 403, 'rpm_limit');
    expectError(await alice.post('/key/generate', { spend: 0 }), 403, 'spend');
    expectError(await alice.post('/key/update', { key: tokens.alice, max_budget: 11 }), 403, 'max_budget');
    ok(await alice.post('/key/generate', { models: ['gpt-test'], max_budget: 10, rpm_limit: 100 }));
  });

  it('loses its rights as soon as an admin changes its role', async () => {
    ok(await admin.post('/user/new', { user_id: 'dora', key_alias: 'dora' }));
    const dora = admin.as(ok<{ key: string }>(await admin.post('/key/generate', { user_id: 'dora' })).key);
    ok(await dora.post('/key/generate', {}));
    ok(await admin.post('/user/update', { user_id: 'dora', user_role: 'internal_user_viewer' }));
    expectError(await dora.post('/key/generate', {}), 403);
  });
});

describe('internal_user_viewer', () => {
  it('reads its own and changes nothing', async () => {
    const carl = client('carl');
    ok(await carl.get('/key/info'));
    expect(ok<{ total_count: number }>(await carl.get('/key/list')).total_count).toBe(1);
    ok(await carl.get('/user/info'));
    ok(await carl.get('/spend/logs'));
    expectError(await carl.get('/user/info', { user_id: 'alice' }), 403, 'user_id');
    expectError(await carl.post('/key/generate', {}), 403);
    expectError(await carl.post('/key/update', { key: tokens.carl, key_alias: 'mine' }), 403);
    expectError(await carl.post('/key/delete', { keys: [tokens.carl] }), 403);
  });
});

describe('team admins', () => {
  it('manage their team’s keys and members', async () => {
    const tina = client('tina');
    const forTom = ok<{ key: string; token: string; user_id: string; team_id: string }>(
      await tina.post('/key/generate', { team_id: 'red', user_id: 'tom', models: ['local'], max_budget: 40 }),
    );
    expect(forTom).toMatchObject({ user_id: 'tom', team_id: 'red' });
    expect(await tina.as(forTom.key).chatStatus()).toBe(200);
    const service = ok<{ user_id: string | null }>(await tina.post('/key/generate', { team_id: 'red' }));
    expect(service.user_id).toBeNull();
    ok(await tina.post('/key/update', { key: forTom.token, max_budget: 30 }));
    ok(await tina.post('/key/block', { key: forTom.token }));
    expect(await tina.as(forTom.key).chatStatus()).toBe(401);
    ok(await tina.post('/key/unblock', { key: forTom.token }));
    ok(await tina.get('/key/info', { key: forTom.token }));
    const teamKeys = ok<{ keys: string[] }>(await tina.get('/key/list', { team_id: 'red' }));
    expect(teamKeys.keys).toContain(forTom.token);
    ok(await tina.get('/user/info', { user_id: 'tom' }));
    ok(await tina.get('/team/info', { team_id: 'red' }));
    ok(
      await tina.post('/team/member_add', { team_id: 'red', member: { user_id: 'newcomer', role: 'user' } }),
    );
    ok(await tina.post('/team/member_delete', { team_id: 'red', user_id: 'newcomer' }));
    ok(await tina.post('/team/update', { team_id: 'red', team_alias: 'Red team', max_budget: 45 }));
    ok(await tina.get('/spend/logs', { team_id: 'red' }));
    ok(await tina.get('/spend/logs', { api_key: forTom.token }));
    ok(await tina.post('/key/delete', { keys: [forTom.key] }));
  });

  it('do not manage another team, nor loosen their own team’s limits', async () => {
    const tina = client('tina');
    const blueKey = ok<{ token: string }>(
      await admin.post('/key/generate', { team_id: 'blue', user_id: 'bea' }),
    );
    expectError(await tina.post('/key/generate', { team_id: 'blue' }), 403, 'team_id');
    expectError(await tina.post('/key/update', { key: blueKey.token, max_budget: 1 }), 403, 'key');
    expectError(await tina.post('/key/delete', { keys: [blueKey.token] }), 403, 'key');
    expectError(await tina.post('/key/block', { key: blueKey.token }), 403, 'key');
    expectError(await tina.get('/key/info', { key: blueKey.token }), 403, 'key');
    expectError(await tina.get('/key/list', { team_id: 'blue' }), 403, 'team_id');
    expectError(await tina.get('/spend/logs', { api_key: blueKey.token, team_id: 'red' }), 403, 'api_key');
    expectError(await tina.get('/spend/logs', { team_id: 'blue' }), 403, 'team_id');
    expectError(await tina.get('/team/info', { team_id: 'blue' }), 403, 'team_id');
    expectError(
      await tina.post('/team/member_add', { team_id: 'blue', member: { user_id: 'tina', role: 'admin' } }),
      403,
      'team_id',
    );
    expectError(await tina.get('/user/info', { user_id: 'bea' }), 403, 'user_id');
    expectError(await tina.post('/key/generate', { team_id: 'red', user_id: 'alice' }), 403, 'user_id');
    expectError(await tina.post('/key/generate', { team_id: 'red', models: ['gpt-test'] }), 403, 'models');
    expectError(await tina.post('/key/generate', { team_id: 'red', max_budget: 1000 }), 403, 'max_budget');
    expectError(await tina.post('/key/generate', { team_id: 'red', tpm_limit: 1001 }), 403, 'tpm_limit');
    expectError(await tina.post('/team/update', { team_id: 'red', max_budget: 1000 }), 403, 'max_budget');
    expectError(await tina.post('/team/update', { team_id: 'red', models: [] }), 403, 'models');
    expectError(
      await tina.post('/team/update', { team_id: 'red', budget_duration: '1d' }),
      403,
      'budget_duration',
    );
    expectError(await tina.post('/team/block', { team_id: 'red' }), 403);
    expectError(await tina.post('/team/delete', { team_ids: ['red'] }), 403);
  });

  it('leave plain members to their own keys in the team', async () => {
    const tom = client('tom');
    const own = ok<{ user_id: string; token: string }>(await tom.post('/key/generate', { team_id: 'red' }));
    expect(own.user_id).toBe('tom');
    expectError(await tom.post('/key/generate', { team_id: 'red', user_id: 'tina' }), 403, 'user_id');
    ok(await tom.get('/team/info', { team_id: 'red' }));
    const listed = ok<{ keys: string[] }>(await tom.get('/key/list', { team_id: 'red' }));
    expect(listed.keys).toContain(own.token);
    expect(listed.keys.every((token) => token === own.token || token === tokens.tom)).toBe(true);
    expectError(
      await tom.post('/team/member_add', { team_id: 'red', member: { user_id: 'x', role: 'user' } }),
      403,
      'team_id',
    );
    expectError(await tom.post('/team/update', { team_id: 'red', team_alias: 'mine' }), 403, 'team_id');
  });
});

describe('keys with allowed_routes, and keys without a user', () => {
  it('refuse management routes outside allowed_routes', async () => {
    const narrow = ok<{ key: string }>(
      await admin.post('/key/generate', { user_id: 'alice', allowed_routes: ['/key/info'] }),
    );
    ok(await admin.as(narrow.key).get('/key/info'));
    expect(expectError(await admin.as(narrow.key).get('/key/list'), 403).message).toContain('/key/list');
    const refused = expectError(await admin.as(narrow.key).post(`/key/${narrow.key}/regenerate`, {}), 403);
    expect(refused.message).toContain('/key/{key}/regenerate');
    expect(refused.message).not.toContain(narrow.key);
    const readOnly = ok<{ key: string; allowed_routes: string[] }>(
      await admin.post('/key/generate', { user_id: 'alice', key_type: 'read_only' }),
    );
    expect(readOnly.allowed_routes).toEqual(['info_routes']);
    ok(await admin.as(readOnly.key).get('/key/list'));
    expectError(await admin.as(readOnly.key).post('/key/generate', {}), 403);
    const llmOnly = ok<{ key: string }>(
      await admin.post('/key/generate', { user_id: 'alice', key_type: 'llm_api' }),
    );
    expectError(await admin.as(llmOnly.key).get('/key/info'), 403);
    const wildcard = ok<{ key: string }>(
      await admin.post('/key/generate', { user_id: 'alice', allowed_routes: ['/key/*'] }),
    );
    ok(await admin.as(wildcard.key).get('/key/list'));
    expectError(await admin.as(wildcard.key).get('/user/info'), 403);
  });

  it('give a key without a user its own /key/info only', async () => {
    const lone = ok<{ key: string; token: string }>(await admin.post('/key/generate', {}));
    const own = ok<{ key: string }>(await admin.as(lone.key).get('/key/info'));
    expect(own.key).toBe(lone.token);
    expect(await admin.as(lone.key).chatStatus()).toBe(200);
    expectError(await admin.as(lone.key).get('/key/list'), 403);
    expectError(await admin.as(lone.key).post('/key/generate', {}), 403);
    expectError(await admin.as(lone.key).get('/key/info', { key: tokens.alice ?? '' }), 403, 'key');
    expectError(await admin.as(lone.key).get('/spend/logs'), 403);
  });
});
