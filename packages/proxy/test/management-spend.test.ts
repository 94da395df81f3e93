import type { NewSpendLog } from '@switchyard/store';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ApiAnswer,
  expectError,
  type ManagementClient,
  managementClient,
  ok,
} from './management-client.js';
import { startTestProxy, type TestProxy } from './start-test-proxy.js';

// Spend routes over logs written straight through the store (the proxy writes them from requests
// elsewhere): litellm's field names, filters, pages and reports.

let setup: TestProxy;
let admin: ManagementClient;
let alice: { key: string; token: string };
let bob: { key: string; token: string };

const today = new Date().toISOString().slice(0, 10);
const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, '0')}:00:00.000Z`);

function log(id: string, fields: Partial<NewSpendLog> & { startTime: Date }): NewSpendLog {
  return {
    request_id: id,
    call_type: 'completion',
    prompt_tokens: 10,
    completion_tokens: 5,
    endTime: new Date(fields.startTime.getTime() + 500),
    ...fields,
  };
}

interface SpendLogBody {
  request_id: string;
  api_key: string;
  user: string | null;
  team_id: string | null;
  model: string;
  spend: number;
  total_tokens: number;
  startTime: string;
}

beforeAll(async () => {
  setup = await startTestProxy();
  admin = managementClient(setup.proxy.url);
  ok(await admin.post('/team/new', { team_id: 'red', team_alias: 'Red' }));
  alice = ok(await admin.post('/user/new', { user_id: 'alice', teams: ['red'] }));
  bob = ok(await admin.post('/user/new', { user_id: 'bob' }));
  const old = at('2024-01-01', 9);
  await setup.proxy.store.recordSpendBatch([
    log('r1', {
      api_key: alice.token,
      user: 'alice',
      team_id: 'red',
      model: 'm1',
      spend: 1,
      startTime: at('2025-03-01', 9),
    }),
    log('r2', {
      api_key: alice.token,
      user: 'alice',
      team_id: 'red',
      model: 'm2',
      spend: 2,
      startTime: at('2025-03-01', 10),
    }),
    log('r3', { api_key: bob.token, user: 'bob', model: 'm1', spend: 4, startTime: at('2025-03-02', 9) }),
    log('r4', {
      api_key: alice.token,
      user: 'alice',
      team_id: 'red',
      model: 'm1',
      spend: 8,
      startTime: at('2025-03-03', 9),
    }),
    log('r5', { api_key: '', model: 'm2', spend: 16, startTime: at('2025-03-03', 10) }),
    log('now', { api_key: bob.token, user: 'bob', model: 'm1', spend: 0.5, startTime: new Date() }),
    log('old', { api_key: bob.token, user: 'bob', model: 'm1', spend: 0.25, startTime: old }),
  ]);
});
afterAll(() => setup.close());

describe('/spend/logs', () => {
  it('lists logs newest first with litellm’s field names, filtered', async () => {
    const all = ok<SpendLogBody[]>(await admin.get('/spend/logs'));
    expect(all.map((entry) => entry.request_id)).toEqual(['now', 'r5', 'r4', 'r3', 'r2', 'r1', 'old']);
    expect(all.find((entry) => entry.request_id === 'r1')).toMatchObject({
      api_key: alice.token,
      user: 'alice',
      team_id: 'red',
      model: 'm1',
      spend: 1,
      total_tokens: 15,
      startTime: '2025-03-01T09:00:00.000Z',
    });
    const ids = async (query: Record<string, string>) =>
      ok<SpendLogBody[]>(await admin.get('/spend/logs', query)).map((entry) => entry.request_id);
    expect(await ids({ api_key: alice.key })).toEqual(['r4', 'r2', 'r1']);
    expect(await ids({ api_key: alice.token })).toEqual(['r4', 'r2', 'r1']);
    expect(await ids({ user_id: 'bob' })).toEqual(['now', 'r3', 'old']);
    expect(await ids({ team_id: 'red', model: 'm1' })).toEqual(['r4', 'r1']);
    expect(await ids({ start_date: '2025-03-01', end_date: '2025-03-02', summarize: 'false' })).toEqual([
      'r3',
      'r2',
      'r1',
    ]);
    expect(
      await ids({ start_date: '2025-03-01T09:30:00Z', end_date: '2025-03-03T09:00:00Z', summarize: 'false' }),
    ).toEqual(['r3', 'r2']);
    expect(await ids({ request_id: 'r3' })).toEqual(['r3']);
  });

  it('pages by cursor (x-next-cursor)', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const answer: ApiAnswer<SpendLogBody[]> = await admin.get<SpendLogBody[]>('/spend/logs', {
        limit: 3,
        ...(cursor ? { cursor } : {}),
      });
      expect(answer.status).toBe(200);
      expect(answer.body.length).toBeLessThanOrEqual(3);
      seen.push(...answer.body.map((entry) => entry.request_id));
      cursor = answer.headers.get('x-next-cursor');
    } while (cursor);
    expect(seen).toEqual(['now', 'r5', 'r4', 'r3', 'r2', 'r1', 'old']);
    expectError(await admin.get('/spend/logs', { cursor: 'garbage' }), 400, 'cursor');
    expectError(await admin.get('/spend/logs', { limit: 0 }), 400, 'limit');
    expectError(await admin.get('/spend/logs', { start_date: 'March' }), 400, 'start_date');
  });

  it('sums per day with both dates (litellm’s summarize, the default)', async () => {
    const days = ok<Array<Record<string, unknown>>>(
      await admin.get('/spend/logs', { start_date: '2025-03-01', end_date: '2025-03-04' }),
    );
    expect(days).toEqual([
      { startTime: '2025-03-01', spend: 3, users: { alice: 3 }, models: { m1: 1, m2: 2 }, [alice.token]: 3 },
      { startTime: '2025-03-02', spend: 4, users: { bob: 4 }, models: { m1: 4 }, [bob.token]: 4 },
      {
        startTime: '2025-03-03',
        spend: 24,
        users: { alice: 8, '': 16 },
        models: { m1: 8, m2: 16 },
        [alice.token]: 8,
        '': 16,
      },
      { startTime: '2025-03-04', spend: 0, users: {}, models: {} },
    ]);
  });

  it('shows an internal user its own spend only', async () => {
    const own = ok<SpendLogBody[]>(await admin.as(alice.key).get('/spend/logs'));
    expect(own.map((entry) => entry.request_id)).toEqual(['r4', 'r2', 'r1']);
    expect(
      ok<SpendLogBody[]>(await admin.as(alice.key).get('/spend/logs', { api_key: alice.key })).length,
    ).toBe(3);
    expectError(await admin.as(alice.key).get('/spend/logs', { api_key: bob.key }), 403, 'api_key');
    expectError(await admin.as(alice.key).get('/spend/logs', { user_id: 'bob' }), 403, 'user_id');
  });
});

describe('/global/spend', () => {
  it('totals the last 30 days by default, or the days asked for', async () => {
    const recent = ok<{
      spend: number;
      max_budget: null;
      start_date: string;
      end_date: string;
      api_requests: number;
    }>(await admin.get('/global/spend'));
    expect(recent).toMatchObject({ spend: 0.5, max_budget: null, end_date: today, api_requests: 1 });
    const march = ok<{ spend: number; total_tokens: number; api_requests: number }>(
      await admin.get('/global/spend', { start_date: '2025-03-01', end_date: '2025-03-03' }),
    );
    expect(march).toMatchObject({ spend: 31, total_tokens: 75, api_requests: 5 });
    const aliceMarch = ok<{ spend: number }>(
      await admin.as(alice.key).get('/global/spend', { start_date: '2025-03-01', end_date: '2025-03-31' }),
    );
    expect(aliceMarch.spend).toBe(11);
    expectError(
      await admin.get('/global/spend', { start_date: '2025-03-05', end_date: '2025-03-01' }),
      400,
      'end_date',
    );
  });
});

describe('/global/spend/report', () => {
  const range = { start_date: '2025-03-01', end_date: '2025-03-03' };

  it('groups by day and team (litellm’s shape)', async () => {
    const report = ok<Array<{ group_by_day: string; teams: Array<Record<string, unknown>> }>>(
      await admin.get('/global/spend/report', { ...range, group_by: 'team' }),
    );
    expect(report.map((day) => day.group_by_day)).toEqual(['2025-03-01', '2025-03-02', '2025-03-03']);
    expect(report[0]?.teams).toEqual([
      {
        team_id: 'red',
        team_name: 'Red',
        total_spend: 3,
        metadata: expect.arrayContaining([
          { model: 'm1', api_key: alice.token, spend: 1, total_tokens: 15 },
          { model: 'm2', api_key: alice.token, spend: 2, total_tokens: 15 },
        ]),
      },
    ]);
    expect(report[1]?.teams).toEqual([
      expect.objectContaining({ team_id: null, team_name: 'Unassigned Team', total_spend: 4 }),
    ]);
  });

  it('groups by key (litellm’s api_key shape, with the spend per day)', async () => {
    const report = ok<Array<Record<string, unknown>>>(
      await admin.get('/global/spend/report', { ...range, group_by: 'api_key' }),
    );
    expect(report.map((row) => [row.api_key, row.total_cost])).toEqual([
      ['', 16],
      [alice.token, 11],
      [bob.token, 4],
    ]);
    expect(report[1]).toMatchObject({
      total_input_tokens: 30,
      total_output_tokens: 15,
      model_details: expect.arrayContaining([
        { model: 'm1', total_cost: 9, total_input_tokens: 20, total_output_tokens: 10 },
        { model: 'm2', total_cost: 2, total_input_tokens: 10, total_output_tokens: 5 },
      ]),
      daily_spend: [
        { date: '2025-03-01', spend: 3 },
        { date: '2025-03-03', spend: 8 },
      ],
    });
    const byKey = ok<Array<Record<string, unknown>>>(
      await admin.get('/global/spend/report', { ...range, group_by: 'key', api_key: bob.key }),
    );
    expect(byKey.map((row) => row.api_key)).toEqual([bob.token]);
  });

  it('groups by day and model, and by day and user', async () => {
    const models = ok<Array<{ group_by_day: string; models: Array<{ model: string; total_spend: number }> }>>(
      await admin.get('/global/spend/report', { ...range, group_by: 'model' }),
    );
    expect(models[2]?.models.map((entry) => [entry.model, entry.total_spend])).toEqual([
      ['m1', 8],
      ['m2', 16],
    ]);
    const users = ok<
      Array<{ group_by_day: string; users: Array<{ user_id: string | null; total_spend: number }> }>
    >(await admin.get('/global/spend/report', { ...range, group_by: 'user', internal_user_id: 'alice' }));
    expect(users.map((day) => [day.group_by_day, day.users])).toEqual([
      ['2025-03-01', [expect.objectContaining({ user_id: 'alice', total_spend: 3 })]],
      ['2025-03-03', [expect.objectContaining({ user_id: 'alice', total_spend: 8 })]],
    ]);
  });

  it('validates its query and scopes an internal user to its own spend', async () => {
    expectError(await admin.get('/global/spend/report', { end_date: '2025-03-03' }), 400, 'start_date');
    expectError(await admin.get('/global/spend/report', { ...range, group_by: 'customer' }), 400, 'group_by');
    expectError(
      await admin.get('/global/spend/report', { start_date: '2025-03-03', end_date: '2025-03-01' }),
      400,
      'end_date',
    );
    const own = ok<Array<{ api_key: string }>>(
      await admin.as(alice.key).get('/global/spend/report', { ...range, group_by: 'api_key' }),
    );
    expect(own.map((row) => row.api_key)).toEqual([alice.token]);
    expectError(
      await admin.as(alice.key).get('/global/spend/report', { ...range, internal_user_id: 'bob' }),
      403,
      'user_id',
    );
  });
});
