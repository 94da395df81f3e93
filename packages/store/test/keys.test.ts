import { beforeEach, describe, expect, it } from 'vitest';
import { generateKey, hashKey, maskKey } from '../src/key-hash.js';
import { type StoreFixture, testBackends, useStoreFixture } from './test-databases.js';

function newKeyHash(): { key: string; token: string; key_name: string } {
  const key = generateKey();
  return { key, token: hashKey(key), key_name: maskKey(key) };
}

describe.each(testBackends)('$name store: virtual keys', (backend) => {
  const current = useStoreFixture(backend);
  let fixture: StoreFixture;
  beforeEach(() => {
    fixture = current();
  });

  it('stores a key by hash and reads every field back', async () => {
    const { store } = fixture;
    const { token, key_name } = newKeyHash();
    const created = await store.createKey({
      token,
      key_name,
      key_alias: 'ci-bot',
      models: ['gpt-4o', 'claude'],
      max_budget: 12.5,
      budget_duration: '30d',
      rpm_limit: 60,
      tpm_limit: 5_000_000_000,
      max_parallel_requests: 4,
      expires: new Date('2026-12-31T00:00:00.000Z'),
      user_id: 'u-1',
      team_id: 't-1',
      metadata: { owner: 'ci', nested: { a: [1, 2] } },
      tags: ['ci', 'prod'],
      allowed_routes: ['/v1/chat/completions'],
      created_by: 'admin',
    });
    expect(created).toMatchObject({
      token,
      key_name,
      spend: 0,
      blocked: false,
      rotation_count: 0,
      last_rotation_at: null,
      created_at: new Date('2026-03-01T09:00:00.000Z'),
      budget_reset_at: new Date('2026-03-31T09:00:00.000Z'),
      created_by: 'admin',
    });
    expect(await store.getKey(token)).toEqual(created);
  });

  it('fills defaults for a bare key', async () => {
    const { token } = newKeyHash();
    await fixture.store.createKey({ token });
    expect(await fixture.store.getKey(token)).toMatchObject({
      key_name: null,
      key_alias: null,
      models: [],
      metadata: {},
      tags: [],
      allowed_routes: [],
      max_budget: null,
      budget_duration: null,
      budget_reset_at: null,
      rpm_limit: null,
      expires: null,
      user_id: null,
      team_id: null,
      blocked: false,
    });
  });

  it('never stores the plaintext key', async () => {
    const { key, token, key_name } = newKeyHash();
    await fixture.store.createKey({ token, key_name, key_alias: 'a' });
    const rows = await fixture.database.sql('SELECT * FROM sy_keys');
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain(key.slice(3, 20));
    await expect(fixture.store.createKey({ token: key })).rejects.toMatchObject({
      status: 400,
      param: 'token',
    });
  });

  it('refuses a duplicate key or alias with a conflict naming the field', async () => {
    const { store } = fixture;
    const first = newKeyHash();
    await store.createKey({ token: first.token, key_alias: 'shared' });
    await expect(store.createKey({ token: first.token })).rejects.toMatchObject({
      status: 409,
      param: 'key',
    });
    await expect(store.createKey({ token: newKeyHash().token, key_alias: 'shared' })).rejects.toMatchObject({
      status: 409,
      param: 'key_alias',
    });
    // keys without alias never conflict with each other
    await store.createKey({ token: newKeyHash().token });
    await store.createKey({ token: newKeyHash().token });
    expect((await store.listKeys()).total).toBe(3);
  });

  it('refuses an invalid budget_duration and stores nothing', async () => {
    const { token } = newKeyHash();
    await expect(fixture.store.createKey({ token, budget_duration: 'monthly' })).rejects.toMatchObject({
      status: 400,
      param: 'budget_duration',
    });
    expect(await fixture.store.getKey(token)).toBeNull();
  });

  it('updates only the given fields; null clears', async () => {
    const { store, clock } = fixture;
    const { token } = newKeyHash();
    await store.createKey({
      token,
      key_alias: 'before',
      models: ['a'],
      max_budget: 5,
      rpm_limit: 10,
      metadata: { x: 1 },
    });
    clock.advance(60_000);
    const updated = await store.updateKey(token, {
      key_alias: 'after',
      max_budget: null,
      metadata: { y: 2 },
      updated_by: 'ops',
    });
    expect(updated).toMatchObject({
      key_alias: 'after',
      models: ['a'],
      max_budget: null,
      rpm_limit: 10,
      metadata: { y: 2 },
      updated_by: 'ops',
      updated_at: new Date('2026-03-01T09:01:00.000Z'),
      created_at: new Date('2026-03-01T09:00:00.000Z'),
    });
    expect(await store.getKey(token)).toEqual(updated);
    expect(await store.updateKey(hashKey('sk-unknown'), { key_alias: 'x' })).toBeNull();
  });

  it('starts a new budget period only when budget_duration changes', async () => {
    const { store, clock } = fixture;
    const { token } = newKeyHash();
    await store.createKey({ token, budget_duration: '1d' });
    clock.advance(3_600_000);
    const same = await store.updateKey(token, { budget_duration: '1d' });
    expect(same?.budget_reset_at).toEqual(new Date('2026-03-02T09:00:00.000Z'));
    const changed = await store.updateKey(token, { budget_duration: '1h' });
    expect(changed?.budget_reset_at).toEqual(new Date('2026-03-01T11:00:00.000Z'));
    const cleared = await store.updateKey(token, { budget_duration: null });
    expect(cleared).toMatchObject({ budget_duration: null, budget_reset_at: null });
  });

  it('refuses to update a key to an alias another key has', async () => {
    const { store } = fixture;
    const a = newKeyHash();
    const b = newKeyHash();
    await store.createKey({ token: a.token, key_alias: 'a' });
    await store.createKey({ token: b.token, key_alias: 'b' });
    await expect(store.updateKey(b.token, { key_alias: 'a' })).rejects.toMatchObject({
      status: 409,
      param: 'key_alias',
    });
    expect((await store.getKey(b.token))?.key_alias).toBe('b');
  });

  it('regenerates a key in place: new hash, same settings and spend, old hash gone', async () => {
    const { store, clock } = fixture;
    const old = newKeyHash();
    await store.createKey({
      token: old.token,
      key_name: old.key_name,
      key_alias: 'svc',
      max_budget: 3,
      user_id: 'u',
    });
    await store.recordSpendBatch([
      { request_id: 'r1', api_key: old.token, spend: 0.5, startTime: clock.now(), endTime: clock.now() },
    ]);
    clock.advance(1_000);
    const next = newKeyHash();
    const regenerated = await store.regenerateKey(old.token, {
      token: next.token,
      key_name: next.key_name,
      max_budget: 4,
    });
    expect(regenerated).toMatchObject({
      token: next.token,
      key_name: next.key_name,
      key_alias: 'svc',
      user_id: 'u',
      max_budget: 4,
      spend: 0.5,
      rotation_count: 1,
      last_rotation_at: new Date('2026-03-01T09:00:01.000Z'),
    });
    expect(await store.getKey(old.token)).toBeNull();
    expect(await store.getKeyContext(old.token)).toBeNull();
    expect(await store.getKey(next.token)).toEqual(regenerated);
    expect(await store.regenerateKey(old.token, newKeyHash())).toBeNull();
  });

  it('refuses to regenerate onto an existing hash', async () => {
    const { store } = fixture;
    const a = newKeyHash();
    const b = newKeyHash();
    await store.createKey({ token: a.token });
    await store.createKey({ token: b.token });
    await expect(store.regenerateKey(a.token, { token: b.token })).rejects.toMatchObject({ status: 409 });
    expect(await store.getKey(a.token)).not.toBeNull();
  });

  it('blocks and unblocks', async () => {
    const { store } = fixture;
    const { token } = newKeyHash();
    await store.createKey({ token });
    expect((await store.setKeyBlocked(token, true, 'admin'))?.blocked).toBe(true);
    expect((await store.getKey(token))?.blocked).toBe(true);
    expect((await store.setKeyBlocked(token, false))?.blocked).toBe(false);
    expect(await store.setKeyBlocked(hashKey('sk-none'), true)).toBeNull();
  });

  it('deletes keys for good, keeping an archived copy that never authenticates', async () => {
    const { store, database } = fixture;
    const a = newKeyHash();
    const b = newKeyHash();
    await store.createKey({ token: a.token, key_alias: 'a', user_id: 'u' });
    await store.createKey({ token: b.token });
    const deleted = await store.deleteKeys([a.token, hashKey('sk-unknown')], { deleted_by: 'admin' });
    expect(deleted).toEqual([a.token]);
    expect(await store.getKey(a.token)).toBeNull();
    expect(await store.getKeyContext(a.token)).toBeNull();
    expect(await store.getKey(b.token)).not.toBeNull();
    const archived = await database.sql('SELECT token, key_alias, user_id, deleted_by FROM sy_deleted_keys');
    expect(archived).toEqual([{ token: a.token, key_alias: 'a', user_id: 'u', deleted_by: 'admin' }]);
    // the alias is free again
    await store.createKey({ token: newKeyHash().token, key_alias: 'a' });
    expect(await store.deleteKeys([])).toEqual([]);
  });

  it('resolves a key with its user and team in one call', async () => {
    const { store } = fixture;
    await store.createUser({ user_id: 'u-ctx', max_budget: 10 });
    await store.createTeam({ team_id: 't-ctx', members_with_roles: [{ user_id: 'u-ctx', role: 'admin' }] });
    const owned = newKeyHash();
    await store.createKey({ token: owned.token, user_id: 'u-ctx', team_id: 't-ctx' });
    const context = await store.getKeyContext(owned.token);
    expect(context?.key.token).toBe(owned.token);
    expect(context?.user).toMatchObject({ user_id: 'u-ctx', max_budget: 10, teams: ['t-ctx'] });
    expect(context?.team).toMatchObject({
      team_id: 't-ctx',
      members_with_roles: [{ user_id: 'u-ctx', role: 'admin' }],
    });

    const orphan = newKeyHash();
    await store.createKey({ token: orphan.token, user_id: 'u-missing' });
    expect(await store.getKeyContext(orphan.token)).toMatchObject({ user: null, team: null });
    expect(await store.getKeyContext(hashKey('sk-missing'))).toBeNull();
  });

  it('lists keys with filters and totals', async () => {
    const { store } = fixture;
    await store.createKey({ token: newKeyHash().token, user_id: 'u1', team_id: 't1', key_alias: 'one' });
    await store.createKey({ token: newKeyHash().token, user_id: 'u1' });
    await store.createKey({ token: newKeyHash().token, user_id: 'u2', team_id: 't1', blocked: true });
    expect((await store.listKeys({ user_id: 'u1' })).total).toBe(2);
    expect((await store.listKeys({ team_id: 't1' })).items.map((key) => key.user_id).sort()).toEqual([
      'u1',
      'u2',
    ]);
    expect((await store.listKeys({ team_id: null })).items.map((key) => key.user_id)).toEqual(['u1']);
    expect((await store.listKeys({ key_alias: 'one' })).items).toHaveLength(1);
    expect((await store.listKeys({ blocked: true })).items.map((key) => key.user_id)).toEqual(['u2']);
    expect((await store.listKeys({ user_id: 'nobody' })).total).toBe(0);
  });
});
