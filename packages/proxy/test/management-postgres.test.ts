import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyLifecycle } from './key-lifecycle.js';
import { type ManagementClient, managementClient, ok } from './management-client.js';
import { startTestProxy, type TestProxy } from './start-test-proxy.js';

// The key lifecycle through HTTP with the store on PostgreSQL (a schema of its own per run,
// dropped afterwards), so both backends are covered end to end.

const serverUrl = process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const schema = `sy_mgmt_${randomBytes(6).toString('hex')}`;

let setup: TestProxy;
let admin: ManagementClient;

beforeAll(async () => {
  const separator = serverUrl.includes('?') ? '&' : '?';
  setup = await startTestProxy(`  database_url: "${serverUrl}${separator}schema=${schema}"\n`);
  admin = managementClient(setup.proxy.url);
});

afterAll(async () => {
  await setup?.close();
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } finally {
    await client.end();
  }
});

describe('virtual keys through the management API (PostgreSQL)', () => {
  it('runs on PostgreSQL', () => {
    expect(setup.proxy.store.backend).toBe('postgres');
  });

  it('lives through generate, use, update, block, unblock, regenerate and delete', async () => {
    await runKeyLifecycle(setup, admin);
  });

  it('keeps users, teams and their keys', async () => {
    ok(
      await admin.post('/team/new', {
        team_id: 'pg-team',
        members_with_roles: [{ user_id: 'pg-user', role: 'admin' }],
      }),
    );
    const user = ok<{ key: string; teams: string[] }>(
      await admin.post('/user/new', { user_id: 'pg-user-2', teams: ['pg-team'] }),
    );
    expect(user.teams).toEqual(['pg-team']);
    expect(await admin.as(user.key).chatStatus()).toBe(200);
    const info = ok<{ team_info: { members_with_roles: unknown[] } }>(
      await admin.get('/team/info', { team_id: 'pg-team' }),
    );
    expect(info.team_info.members_with_roles).toHaveLength(2);
    ok(await admin.post('/user/delete', { user_ids: ['pg-user-2'] }));
    expect(await admin.as(user.key).chatStatus()).toBe(401);
  });
});
