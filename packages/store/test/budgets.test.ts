import { describe, expect, it } from 'vitest';
import { generateKey, hashKey } from '../src/key-hash.js';
import type { Store } from '../src/store.js';
import { testBackends, useStoreFixture } from './test-databases.js';

async function spendOn(
  store: Store,
  requestId: string,
  fields: { api_key: string; user: string; team_id: string },
) {
  const now = new Date('2026-03-01T09:30:00.000Z');
  await store.recordSpendBatch([
    { request_id: requestId, ...fields, spend: 2, startTime: now, endTime: now },
  ]);
}

describe.each(testBackends)('$name store: budget resets', (backend) => {
  const fixture = useStoreFixture(backend);

  async function budgeted(store: Store) {
    const token = hashKey(generateKey());
    await store.createUser({ user_id: 'u', budget_duration: '1d', max_budget: 10 });
    await store.createTeam({ team_id: 't', budget_duration: '1d', max_budget: 10 });
    await store.createKey({ token, user_id: 'u', team_id: 't', budget_duration: '1d', max_budget: 10 });
    const unbudgeted = hashKey(generateKey());
    await store.createKey({ token: unbudgeted, max_budget: 10 });
    await spendOn(store, 'r1', { api_key: token, user: 'u', team_id: 't' });
    await spendOn(store, 'r2', { api_key: unbudgeted, user: 'u', team_id: 't' });
    return { token, unbudgeted };
  }

  it('resets spend when the period ends and moves the reset time one period on', async () => {
    const { store, clock } = fixture();
    const { token, unbudgeted } = await budgeted(store);
    clock.set('2026-03-02T08:59:59.999Z');
    expect(await store.resetExpiredBudgets()).toEqual({ keys: [], users: [], teams: [] });
    expect((await store.getKey(token))?.spend).toBe(2);

    clock.set('2026-03-02T09:00:00.000Z');
    expect(await store.resetExpiredBudgets()).toEqual({ keys: [token], users: ['u'], teams: ['t'] });
    const next = new Date('2026-03-03T09:00:00.000Z');
    expect(await store.getKey(token)).toMatchObject({ spend: 0, budget_reset_at: next });
    expect(await store.getUser('u')).toMatchObject({ spend: 0, budget_reset_at: next });
    expect(await store.getTeam('t')).toMatchObject({ spend: 0, budget_reset_at: next });
    // no budget_duration: never reset
    expect((await store.getKey(unbudgeted))?.spend).toBe(2);
    // a second run in the same period changes nothing
    expect(await store.resetExpiredBudgets()).toEqual({ keys: [], users: [], teams: [] });
  });

  it('keeps the schedule after a long pause and takes an explicit time', async () => {
    const { store } = fixture();
    const { token } = await budgeted(store);
    const result = await store.resetExpiredBudgets(new Date('2026-03-06T20:00:00.000Z'));
    expect(result.keys).toEqual([token]);
    expect((await store.getKey(token))?.budget_reset_at).toEqual(new Date('2026-03-07T09:00:00.000Z'));
  });

  it('counts new spend from zero after a reset', async () => {
    const { store, clock } = fixture();
    const { token } = await budgeted(store);
    clock.set('2026-03-02T10:00:00.000Z');
    await store.resetExpiredBudgets();
    await store.recordSpendBatch([
      {
        request_id: 'after',
        api_key: token,
        user: 'u',
        spend: 0.5,
        startTime: clock.now(),
        endTime: clock.now(),
      },
    ]);
    expect((await store.getKey(token))?.spend).toBe(0.5);
    expect((await store.getUser('u'))?.spend).toBe(0.5);
    // the rollups keep the history
    expect((await store.globalSpend({ api_key: token })).spend).toBe(2.5);
  });

  it('resets each period once when replicas run the job together', async () => {
    const { store, clock, database } = fixture();
    const replica = await database.open({ now: clock.now });
    const tokens: string[] = [];
    for (let index = 0; index < 20; index += 1) {
      const token = hashKey(generateKey());
      tokens.push(token);
      await store.createKey({ token, budget_duration: '1h', spend: 1 });
    }
    clock.set('2026-03-01T10:30:00.000Z');
    const results = await Promise.all([store.resetExpiredBudgets(), replica.resetExpiredBudgets()]);
    const reset = results.flatMap((result) => result.keys).sort();
    expect(reset).toEqual([...tokens].sort());
    for (const token of tokens) {
      expect(await store.getKey(token)).toMatchObject({
        spend: 0,
        budget_reset_at: new Date('2026-03-01T11:00:00.000Z'),
      });
    }
  });

  it('starts the first period of a row that has a duration but no reset time', async () => {
    const { store, clock, database } = fixture();
    const token = hashKey(generateKey());
    await store.createKey({ token, budget_duration: '1h', spend: 3 });
    await database.sql('UPDATE sy_keys SET budget_reset_at = NULL');
    clock.set('2026-03-01T12:15:00.000Z');
    expect((await store.resetExpiredBudgets()).keys).toEqual([]);
    expect(await store.getKey(token)).toMatchObject({
      spend: 3,
      budget_reset_at: new Date('2026-03-01T13:15:00.000Z'),
    });
  });
});
