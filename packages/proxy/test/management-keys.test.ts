import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyLifecycle } from './key-lifecycle.js';
import { expectError, type ManagementClient, managementClient, ok } from './management-client.js';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

let setup: TestProxy;
let admin: ManagementClient;

beforeAll(async () => {
  setup = await startTestProxy();
  admin = managementClient(setup.proxy.url);
});
afterAll(() => setup.close());

describe('virtual keys through the management API (SQLite)', () => {
  it('lives through generate, use, update, block, unblock, regenerate and delete', async () => {
    await runKeyLifecycle(setup, admin);
  });

  it('refuses a key once its duration has passed (401)', async () => {
    const { key, expires } = ok<{ key: string; expires: string }>(
      await admin.post('/key/generate', { duration: '1s' }),
    );
    expect(Date.parse(expires) - Date.now()).toBeLessThanOrEqual(1_000);
    expect(await admin.as(key).chatStatus()).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(expires) - Date.now()) + 50));
    const answer = await admin
      .as(key)
      .post('/v1/chat/completions', { model: 'local', messages: [{ role: 'user', content: 'x' }] });
    expect(expectError(answer, 401).code).toBe('key_expired');
  });

  it('sets expires from duration, and clears it with duration null on update', async () => {
    const before = Date.now();
    const { key, expires } = ok<{ key: string; expires: string }>(
      await admin.post('/key/generate', { duration: '30d' }),
    );
    expect(Date.parse(expires) - before).toBeGreaterThanOrEqual(30 * 86_400_000 - 1_000);
    expect(Date.parse(expires) - before).toBeLessThanOrEqual(30 * 86_400_000 + 5_000);
    const updated = ok(await admin.post('/key/update', { key, duration: null }));
    expect(updated.expires).toBeNull();
    const explicit = ok(await admin.post('/key/update', { key, expires: '2099-01-01T00:00:00Z' }));
    expect(explicit.expires).toBe('2099-01-01T00:00:00.000Z');
  });

  it('accepts a key value chosen by the admin, shown once and then only by hash', async () => {
    const chosen = `sk-chosen-${Date.now()}`;
    const created = ok<{ key: string; token: string }>(await admin.post('/key/generate', { key: chosen }));
    expect(created.key).toBe(chosen);
    expect(await admin.as(chosen).chatStatus()).toBe(200);
    const listed = ok<{ keys: Array<Record<string, unknown>> }>(
      await admin.get('/key/list', { return_full_object: 'true', size: 100 }),
    );
    expect(JSON.stringify(listed)).not.toContain(chosen);
    expectError(await admin.post('/key/generate', { key: chosen }), 409, 'key');
    expectError(await admin.post('/key/generate', { key: masterKey }), 400, 'key');
    expectError(await admin.post('/key/generate', { key: 'not-sk' }), 400, 'key');
  });

  it('validates every field and names it, writing nothing', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ max_budget: -1 }, 'max_budget'],
      [{ max_budget: 'ten' }, 'max_budget'],
      [{ rpm_limit: 1.5 }, 'rpm_limit'],
      [{ tpm_limit: -3 }, 'tpm_limit'],
      [{ max_parallel_requests: 'x' }, 'max_parallel_requests'],
      [{ budget_duration: '10 days' }, 'budget_duration'],
      [{ budget_duration: '0d' }, 'budget_duration'],
      [{ duration: 'soon' }, 'duration'],
      [{ duration: '1d', expires: '2099-01-01T00:00:00Z' }, 'duration'],
      [{ expires: 'tomorrow' }, 'expires'],
      [{ models: 'gpt-test' }, 'models'],
      [{ models: [''] }, 'models[0]'],
      [{ metadata: [1] }, 'metadata'],
      [{ tags: [1] }, 'tags[0]'],
      [{ key_type: 'admin' }, 'key_type'],
      [{ model_max_budget: { 'gpt-test': 1 } }, 'model_max_budget'],
      [{ guardrails: ['pii'] }, 'guardrails'],
    ];
    const before = ok<{ total_count: number }>(await admin.get('/key/list')).total_count;
    for (const [body, param] of cases) {
      const error = expectError(await admin.post('/key/generate', body), 400, param);
      expect(error.message).toContain(param.replace(/\[\d+\]$/, ''));
    }
    expect(ok<{ total_count: number }>(await admin.get('/key/list')).total_count).toBe(before);
    expectError(await admin.post('/key/update', { max_budget: 1 }), 400, 'key');
    expectError(await admin.post('/key/delete', {}), 400, 'keys');
    const malformed = await fetch(`${setup.proxy.url}/key/generate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: '{"models": [',
    });
    expect(malformed.status).toBe(400);
  });

  it('ignores fields litellm would ignore, and refuses empty-valued unsupported ones only when set', async () => {
    const created = ok(
      await admin.post('/key/generate', {
        some_future_field: 1,
        guardrails: [],
        aliases: {},
        soft_budget: null,
      }),
    );
    expect(created).not.toHaveProperty('some_future_field');
  });

  it('answers 404 for unknown keys and teams, 409 for a duplicate alias', async () => {
    expectError(await admin.post('/key/update', { key: 'sk-unknown-key', max_budget: 1 }), 404, 'key');
    expectError(await admin.post('/key/block', { key: 'f'.repeat(64) }), 404, 'key');
    expectError(await admin.post('/key/regenerate', { key: 'sk-unknown-key' }), 404, 'key');
    expectError(await admin.get('/key/info', { key: 'sk-unknown-key' }), 404, 'key');
    expectError(await admin.post('/key/generate', { team_id: 'no-such-team' }), 404, 'team_id');
    ok(await admin.post('/key/generate', { key_alias: 'taken' }));
    expectError(await admin.post('/key/generate', { key_alias: 'taken' }), 409, 'key_alias');
    const other = ok<{ key: string }>(await admin.post('/key/generate', {}));
    expectError(await admin.post('/key/update', { key: other.key, key_alias: 'taken' }), 409, 'key_alias');
  });

  it('deletes by alias, and deletes nothing when one of the keys is unknown', async () => {
    const first = ok<{ key: string; token: string }>(
      await admin.post('/key/generate', { key_alias: 'to-delete' }),
    );
    expectError(await admin.post('/key/delete', { keys: [first.key, 'sk-unknown'] }), 404, 'keys[1]');
    expect(await admin.as(first.key).chatStatus()).toBe(200);
    expect(ok(await admin.post('/key/delete', { key_aliases: ['to-delete'] }))).toEqual({
      deleted_keys: ['to-delete'],
    });
    expect(await admin.as(first.key).chatStatus()).toBe(401);
    expectError(await admin.post('/key/delete', { key_aliases: ['to-delete'] }), 404, 'key_aliases[0]');
  });

  it('regenerates through the body too, with a chosen new key', async () => {
    const created = ok<{ key: string }>(await admin.post('/key/generate', {}));
    const chosen = `sk-rotated-${Date.now()}`;
    const regenerated = ok<{ key: string; rotation_count: number }>(
      await admin.post('/key/regenerate', { key: created.key, new_key: chosen }),
    );
    expect(regenerated).toMatchObject({ key: chosen, rotation_count: 1 });
    expect(await admin.as(created.key).chatStatus()).toBe(401);
    expect(await admin.as(chosen).chatStatus()).toBe(200);
    expectError(await admin.post('/key/regenerate', {}), 400, 'key');
  });

  it('pages /key/list with litellm’s fields and filters', async () => {
    const user = `pager-${Date.now()}`;
    ok(await admin.post('/user/new', { user_id: user, auto_create_key: false }));
    const tokens: string[] = [];
    for (let index = 0; index < 7; index += 1) {
      tokens.push(
        ok<{ token: string }>(
          await admin.post('/key/generate', { user_id: user, key_alias: `${user}-${index}` }),
        ).token,
      );
    }
    const pages: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      const body = ok<{ keys: string[]; total_count: number; current_page: number; total_pages: number }>(
        await admin.get('/key/list', { user_id: user, page, size: 3 }),
      );
      expect(body).toMatchObject({ total_count: 7, current_page: page, total_pages: 3 });
      expect(body.keys).toHaveLength(page < 3 ? 3 : 1);
      pages.push(...body.keys);
    }
    expect(pages.sort()).toEqual([...tokens].sort());
    const byAlias = ok<{ keys: Array<{ token: string; key_alias: string }> }>(
      await admin.get('/key/list', { key_alias: `${user}-4`, return_full_object: 'true' }),
    );
    expect(byAlias.keys).toEqual([expect.objectContaining({ token: tokens[4], key_alias: `${user}-4` })]);
    const byHash = ok<{ keys: string[] }>(await admin.get('/key/list', { key_hash: tokens[2] ?? '' }));
    expect(byHash.keys).toEqual([tokens[2]]);
    expectError(await admin.get('/key/list', { size: 101 }), 400, 'size');
    expectError(await admin.get('/key/list', { page: 0 }), 400, 'page');
    expectError(await admin.get('/key/list', { return_full_object: 'yes' }), 400, 'return_full_object');
  });

  it('answers /key/info for the calling key when no key is named', async () => {
    const created = ok<{ key: string; token: string }>(
      await admin.post('/key/generate', { key_alias: 'self-info' }),
    );
    const own = ok<{ key: string; info: { key_alias: string } }>(
      await admin.as(created.key).get('/key/info'),
    );
    expect(own).toMatchObject({ key: created.token, info: { key_alias: 'self-info' } });
    expectError(await admin.get('/key/info'), 400, 'key');
  });
});
