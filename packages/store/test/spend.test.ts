import { describe, expect, it } from 'vitest';
import type { NewSpendLog } from '../src/inputs.js';
import { generateKey, hashKey } from '../src/key-hash.js';
import type { SpendDimension } from '../src/records.js';
import { normalizeSpendLog } from '../src/spend-aggregation.js';
import type { Store } from '../src/store.js';
import { testBackends, useStoreFixture } from './test-databases.js';

const day1 = new Date('2026-03-01T10:00:00.000Z');
const day2 = new Date('2026-03-02T10:00:00.000Z');

function log(requestId: string, fields: Partial<NewSpendLog> = {}): NewSpendLog {
  const startTime = fields.startTime ?? day1;
  return {
    request_id: requestId,
    call_type: 'completion',
    model: 'gpt-4o-2024-08-06',
    model_group: 'gpt-4o',
    custom_llm_provider: 'openai',
    prompt_tokens: 100,
    completion_tokens: 20,
    spend: 0.01,
    startTime,
    endTime: new Date(startTime.getTime() + 1_500),
    ...fields,
  };
}

async function owners(store: Store) {
  const keyA = hashKey(generateKey());
  const keyB = hashKey(generateKey());
  await store.createUser({ user_id: 'u1' });
  await store.createTeam({ team_id: 't1' });
  await store.createKey({ token: keyA, user_id: 'u1', team_id: 't1' });
  await store.createKey({ token: keyB, user_id: 'u1' });
  return { keyA, keyB };
}

describe.each(testBackends)('$name store: spend', (backend) => {
  const fixture = useStoreFixture(backend);

  it('records a batch and adds its spend to keys, users and teams', async () => {
    const { store } = fixture();
    const { keyA, keyB } = await owners(store);
    const result = await store.recordSpendBatch([
      log('r1', { api_key: keyA, user: 'u1', team_id: 't1', spend: 0.25 }),
      log('r2', { api_key: keyA, user: 'u1', team_id: 't1', spend: 0.5 }),
      log('r3', { api_key: keyB, user: 'u1', spend: 1 }),
    ]);
    expect(result).toEqual({ inserted: 3, duplicates: 0 });
    expect((await store.getKey(keyA))?.spend).toBeCloseTo(0.75, 10);
    expect((await store.getKey(keyB))?.spend).toBeCloseTo(1, 10);
    expect((await store.getUser('u1'))?.spend).toBeCloseTo(1.75, 10);
    expect((await store.getTeam('t1'))?.spend).toBeCloseTo(0.75, 10);
  });

  it('is idempotent: a replayed or overlapping batch counts nothing twice', async () => {
    const { store } = fixture();
    const { keyA } = await owners(store);
    const batch = [
      log('a', { api_key: keyA, user: 'u1', team_id: 't1', spend: 1 }),
      log('b', { api_key: keyA, user: 'u1', team_id: 't1', spend: 2 }),
    ];
    await store.recordSpendBatch(batch);
    expect(await store.recordSpendBatch(batch)).toEqual({ inserted: 0, duplicates: 2 });
    const overlapping = [batch[1]!, log('c', { api_key: keyA, user: 'u1', team_id: 't1', spend: 4 })];
    expect(await store.recordSpendBatch(overlapping)).toEqual({ inserted: 1, duplicates: 1 });
    // the same request twice in one batch counts once
    const doubled = log('d', { api_key: keyA, spend: 8 });
    expect(await store.recordSpendBatch([doubled, doubled])).toEqual({ inserted: 1, duplicates: 1 });
    expect((await store.getKey(keyA))?.spend).toBe(15);
    expect((await store.getUser('u1'))?.spend).toBe(7);
    expect((await store.getTeam('t1'))?.spend).toBe(7);
    expect(await store.globalSpend()).toMatchObject({ spend: 15, api_requests: 4 });
    expect((await store.listSpendLogs()).items).toHaveLength(4);
    expect(await store.recordSpendBatch([])).toEqual({ inserted: 0, duplicates: 0 });
  });

  it('stores every field of a log and reads it back as normalised', async () => {
    const { store } = fixture();
    const input = log('full', {
      api_key: hashKey('sk-full'),
      user: 'u',
      team_id: 't',
      end_user: 'customer-9',
      model_id: 'deployment-1',
      total_tokens: 120,
      cache_read_input_tokens: 40,
      cache_creation_input_tokens: 7,
      reasoning_tokens: 12,
      spend: 0.000123456789,
      completionStartTime: new Date(day1.getTime() + 250),
      cache_hit: true,
      request_tags: ['batch', 'nightly'],
      metadata: { route: '/v1/chat/completions', headers: { 'x-trace': 'abc' } },
    });
    await store.recordSpendBatch([input, log('failed', { status: 'failure', spend: undefined })]);
    const { items } = await store.listSpendLogs({ request_id: 'full' });
    expect(items).toEqual([normalizeSpendLog(input)]);
    expect(items[0]?.request_duration_ms).toBe(1_500);
    const [failed] = (await store.listSpendLogs({ request_id: 'failed' })).items;
    expect(failed).toMatchObject({ status: 'failure', spend: 0, cost_unknown: false, api_key: '' });
  });

  it('flags logs without a usable price and counts them in the rollups', async () => {
    const { store } = fixture();
    await store.recordSpendBatch([log('x', { spend: Number.NaN }), log('y', { spend: 0.5 })]);
    expect((await store.listSpendLogs({ request_id: 'x' })).items[0]).toMatchObject({
      spend: 0,
      cost_unknown: true,
    });
    expect(await store.globalSpend()).toMatchObject({
      spend: 0.5,
      api_requests: 2,
      cost_unknown_requests: 1,
    });
  });

  it('keeps logs of deleted keys and counts them in the rollups only', async () => {
    const { store } = fixture();
    const token = hashKey(generateKey());
    await store.createKey({ token });
    await store.deleteKeys([token]);
    expect(await store.recordSpendBatch([log('late', { api_key: token, spend: 3 })])).toEqual({
      inserted: 1,
      duplicates: 0,
    });
    expect(await store.globalSpend({ api_key: token })).toMatchObject({ spend: 3, api_requests: 1 });
  });

  it('filters spend logs by key, user, team, model, status and time range, newest first', async () => {
    const { store } = fixture();
    const { keyA, keyB } = await owners(store);
    await store.recordSpendBatch([
      log('1', { api_key: keyA, user: 'u1', team_id: 't1', startTime: day1 }),
      log('2', {
        api_key: keyB,
        user: 'u1',
        startTime: new Date(day1.getTime() + 60_000),
        model_group: 'claude',
      }),
      log('3', { api_key: keyA, user: 'u2', team_id: 't1', startTime: day2, status: 'failure' }),
      log('4', { api_key: keyB, user: 'u2', startTime: new Date(day2.getTime() + 60_000), model: 'other' }),
    ]);
    const ids = async (filter: Parameters<Store['listSpendLogs']>[0]) =>
      (await store.listSpendLogs(filter)).items.map((item) => item.request_id);
    expect(await ids({})).toEqual(['4', '3', '2', '1']);
    expect(await ids({ api_key: keyA })).toEqual(['3', '1']);
    expect(await ids({ user: 'u1' })).toEqual(['2', '1']);
    expect(await ids({ team_id: 't1' })).toEqual(['3', '1']);
    expect(await ids({ model: 'other' })).toEqual(['4']);
    expect(await ids({ model_group: 'claude' })).toEqual(['2']);
    expect(await ids({ status: 'failure' })).toEqual(['3']);
    expect(await ids({ start_time: day2 })).toEqual(['4', '3']);
    expect(await ids({ end_time: day2 })).toEqual(['2', '1']);
    expect(await ids({ start_time: new Date(day1.getTime() + 1), end_time: day2, user: 'u1' })).toEqual([
      '2',
    ]);
  });

  it('answers global spend over the rollups, by date range and owner', async () => {
    const { store } = fixture();
    const { keyA, keyB } = await owners(store);
    await store.recordSpendBatch([
      log('1', {
        api_key: keyA,
        user: 'u1',
        team_id: 't1',
        spend: 1,
        prompt_tokens: 10,
        completion_tokens: 1,
      }),
      log('2', { api_key: keyB, user: 'u1', spend: 2, startTime: day2, cache_read_input_tokens: 5 }),
      log('3', { api_key: keyA, user: 'u1', team_id: 't1', spend: 4, startTime: day2, status: 'failure' }),
    ]);
    expect(await store.globalSpend()).toEqual({
      spend: 7,
      prompt_tokens: 210,
      completion_tokens: 41,
      total_tokens: 251,
      cache_read_input_tokens: 5,
      cache_creation_input_tokens: 0,
      reasoning_tokens: 0,
      api_requests: 3,
      successful_requests: 2,
      failed_requests: 1,
      cost_unknown_requests: 0,
    });
    expect((await store.globalSpend({ start_date: '2026-03-02' })).spend).toBe(6);
    expect((await store.globalSpend({ end_date: '2026-03-01' })).spend).toBe(1);
    expect((await store.globalSpend({ team_id: 't1' })).spend).toBe(5);
    expect((await store.globalSpend({ api_key: keyB })).spend).toBe(2);
    expect((await store.globalSpend({ start_date: '2027-01-01' })).spend).toBe(0);
    await expect(store.globalSpend({ start_date: '03/01/2026' })).rejects.toMatchObject({
      status: 400,
      param: 'start_date',
    });
  });

  it('reports spend grouped by day and by team, key or model', async () => {
    const { store } = fixture();
    const { keyA, keyB } = await owners(store);
    await store.recordSpendBatch([
      log('1', { api_key: keyA, user: 'u1', team_id: 't1', spend: 1 }),
      log('2', { api_key: keyB, user: 'u1', spend: 2, model_group: 'claude', model: 'claude-x' }),
      log('3', { api_key: keyA, user: 'u1', team_id: 't1', spend: 4, startTime: day2 }),
    ]);
    const byTeam = await store.spendReport({ group_by: ['date', 'team_id'] });
    expect(byTeam.map((row) => [row.date, row.team_id, row.spend, row.api_requests])).toEqual([
      ['2026-03-01', null, 2, 1],
      ['2026-03-01', 't1', 1, 1],
      ['2026-03-02', 't1', 4, 1],
    ]);
    const byModel = await store.spendReport({ group_by: ['model_group'], start_date: '2026-03-01' });
    expect(byModel.map((row) => [row.model_group, row.spend])).toEqual([
      ['claude', 2],
      ['gpt-4o', 5],
    ]);
    const byKey = await store.spendReport({ group_by: ['api_key'], team_id: 't1' });
    expect(byKey.map((row) => [row.api_key, row.spend])).toEqual([[keyA, 5]]);
    const total = await store.spendReport({ group_by: [] });
    expect(total).toHaveLength(1);
    expect(total[0]?.spend).toBe(7);
    await expect(store.spendReport({ group_by: ['password' as SpendDimension] })).rejects.toMatchObject({
      status: 400,
      param: 'group_by',
    });
  });

  it('keeps each owner equal to the sum of its logged costs', async () => {
    const { store } = fixture();
    const keys = [hashKey(generateKey()), hashKey(generateKey()), hashKey(generateKey())];
    for (const token of keys) await store.createKey({ token, team_id: 'sum-team' });
    await store.createTeam({ team_id: 'sum-team' });
    const logs: NewSpendLog[] = [];
    let seed = 7;
    const random = () => {
      seed = (seed * 48_271) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    for (let index = 0; index < 120; index += 1) {
      logs.push(
        log(`sum-${index}`, {
          api_key: keys[index % keys.length],
          team_id: 'sum-team',
          spend: Math.round(random() * 1e6) / 1e8,
          startTime: new Date(day1.getTime() + index * 3_600_000),
        }),
      );
    }
    for (let start = 0; start < logs.length; start += 25)
      await store.recordSpendBatch(logs.slice(start, start + 25));
    const expected = new Map<string, number>();
    for (const entry of logs)
      expected.set(entry.api_key!, (expected.get(entry.api_key!) ?? 0) + entry.spend!);
    const report = await store.spendReport({ group_by: ['api_key'] });
    for (const token of keys) {
      expect((await store.getKey(token))?.spend).toBeCloseTo(expected.get(token)!, 9);
      expect(report.find((row) => row.api_key === token)?.spend).toBeCloseTo(expected.get(token)!, 9);
    }
    const total = [...expected.values()].reduce((sum, value) => sum + value, 0);
    expect((await store.getTeam('sum-team'))?.spend).toBeCloseTo(total, 9);
    expect((await store.globalSpend()).spend).toBeCloseTo(total, 9);
    expect(new Set((await store.spendReport({ group_by: ['date'] })).map((row) => row.date)).size).toBe(6);
  });
});
