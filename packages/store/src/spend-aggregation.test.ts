import { describe, expect, it } from 'vitest';
import { aggregateSpend, normalizeSpendLog, utcDay } from './spend-aggregation.js';

const start = new Date('2026-04-01T23:59:59.500Z');
const end = new Date('2026-04-02T00:00:01.250Z');

describe('normalizeSpendLog', () => {
  it('fills defaults and derives total and duration', () => {
    const log = normalizeSpendLog({
      request_id: 'r1',
      startTime: start,
      endTime: end,
      prompt_tokens: 10,
      completion_tokens: 5,
      spend: 0.25,
    });
    expect(log).toMatchObject({
      request_id: 'r1',
      call_type: '',
      api_key: '',
      user: null,
      model: '',
      total_tokens: 15,
      spend: 0.25,
      cost_unknown: false,
      request_duration_ms: 1750,
      status: 'success',
      cache_hit: false,
      request_tags: [],
      metadata: {},
      completionStartTime: null,
    });
  });

  it('flags a spend that is not a finite, non-negative number instead of counting it as $0', () => {
    for (const spend of [Number.NaN, Number.POSITIVE_INFINITY, -1]) {
      expect(normalizeSpendLog({ request_id: 'r', startTime: start, endTime: end, spend })).toMatchObject({
        spend: 0,
        cost_unknown: true,
      });
    }
    expect(
      normalizeSpendLog({ request_id: 'r', startTime: start, endTime: end, cost_unknown: true }).cost_unknown,
    ).toBe(true);
    expect(normalizeSpendLog({ request_id: 'r', startTime: start, endTime: end }).cost_unknown).toBe(false);
  });

  it('makes token counts whole and non-negative', () => {
    const log = normalizeSpendLog({
      request_id: 'r',
      startTime: start,
      endTime: end,
      prompt_tokens: 3.6,
      completion_tokens: -2,
      reasoning_tokens: Number.NaN,
      total_tokens: 9,
    });
    expect(log).toMatchObject({
      prompt_tokens: 4,
      completion_tokens: 0,
      reasoning_tokens: 0,
      total_tokens: 9,
    });
  });

  it('refuses a log without request id or with an invalid time, naming the field', () => {
    expect(() => normalizeSpendLog({ request_id: '', startTime: start, endTime: end }, 4)).toThrow(
      expect.objectContaining({ param: 'logs[4].request_id' }),
    );
    expect(() =>
      normalizeSpendLog({ request_id: 'r', startTime: new Date(Number.NaN), endTime: end }, 2),
    ).toThrow(expect.objectContaining({ param: 'logs[2].startTime' }));
  });
});

describe('aggregateSpend', () => {
  const base = {
    startTime: start,
    endTime: end,
    model: 'gpt-4o',
    model_group: 'gpt',
    custom_llm_provider: 'openai',
  };

  it('sums spend per key, user and team, sorted by id, skipping empty owners and zero spend', () => {
    const logs = [
      { request_id: '1', api_key: 'k2', user: 'u1', team_id: 't1', spend: 1 },
      { request_id: '2', api_key: 'k1', user: 'u1', spend: 2 },
      { request_id: '3', api_key: 'k2', team_id: 't1', spend: 0.5 },
      { request_id: '4', api_key: 'k3', spend: 0 },
      { request_id: '5', spend: 4 },
    ].map((log, index) => normalizeSpendLog({ ...base, ...log }, index));
    const aggregate = aggregateSpend(logs);
    expect(aggregate.keys).toEqual([
      ['k1', 2],
      ['k2', 1.5],
    ]);
    expect(aggregate.users).toEqual([['u1', 3]]);
    expect(aggregate.teams).toEqual([['t1', 1.5]]);
  });

  it('rolls up per UTC day (of the start time), key, user, team and model', () => {
    const logs = [
      { request_id: '1', api_key: 'k', user: 'u', prompt_tokens: 10, completion_tokens: 2, spend: 1 },
      {
        request_id: '2',
        api_key: 'k',
        user: 'u',
        prompt_tokens: 5,
        cache_read_input_tokens: 4,
        reasoning_tokens: 1,
        spend: 2,
        status: 'failure' as const,
      },
      { request_id: '3', api_key: 'k', user: 'u', spend: Number.NaN },
      { request_id: '4', api_key: 'k', user: 'u', startTime: end, spend: 3 },
    ].map((log, index) => normalizeSpendLog({ ...base, ...log }, index));
    const { rollups } = aggregateSpend(logs);
    expect(rollups).toHaveLength(2);
    expect(rollups[0]).toMatchObject({
      date: '2026-04-01',
      api_key: 'k',
      user_id: 'u',
      team_id: '',
      model: 'gpt-4o',
      model_group: 'gpt',
      custom_llm_provider: 'openai',
      prompt_tokens: 15,
      completion_tokens: 2,
      cache_read_input_tokens: 4,
      reasoning_tokens: 1,
      spend: 3,
      api_requests: 3,
      successful_requests: 2,
      failed_requests: 1,
      cost_unknown_requests: 1,
    });
    expect(rollups[1]).toMatchObject({ date: '2026-04-02', spend: 3, api_requests: 1 });
  });

  it('takes the UTC day', () => {
    expect(utcDay(new Date('2026-01-01T00:30:00+02:00'))).toBe('2025-12-31');
  });
});
