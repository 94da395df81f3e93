import { BadRequestError } from '@switchyard/core';
import type { NewSpendLog } from './inputs.js';
import type { SpendLog } from './records.js';

function count(value: number | undefined): number {
  return value !== undefined && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

function validTime(value: unknown, field: string, index: number): Date {
  if (value instanceof Date && Number.isFinite(value.getTime())) return value;
  throw new BadRequestError({
    message: `logs[${index}].${field}: expected a valid Date`,
    param: `logs[${index}].${field}`,
  });
}

/**
 * A spend log as stored: counts made whole and non-negative, total defaulting to prompt +
 * completion, and a spend that is not a finite, non-negative number stored as 0 with
 * `cost_unknown`, so a bad price never turns into a silent $0.
 */
export function normalizeSpendLog(input: NewSpendLog, index = 0): SpendLog {
  if (typeof input.request_id !== 'string' || input.request_id === '') {
    throw new BadRequestError({
      message: `logs[${index}].request_id: required`,
      param: `logs[${index}].request_id`,
    });
  }
  const startTime = validTime(input.startTime, 'startTime', index);
  const endTime = validTime(input.endTime, 'endTime', index);
  const prompt = count(input.prompt_tokens);
  const completion = count(input.completion_tokens);
  const spendValid = input.spend === undefined || (Number.isFinite(input.spend) && input.spend >= 0);
  const completionStart = input.completionStartTime;
  return {
    request_id: input.request_id,
    call_type: input.call_type ?? '',
    api_key: input.api_key ?? '',
    user: input.user ?? null,
    team_id: input.team_id ?? null,
    end_user: input.end_user ?? null,
    model: input.model ?? '',
    model_group: input.model_group ?? null,
    model_id: input.model_id ?? null,
    custom_llm_provider: input.custom_llm_provider ?? null,
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: input.total_tokens === undefined ? prompt + completion : count(input.total_tokens),
    cache_read_input_tokens: count(input.cache_read_input_tokens),
    cache_creation_input_tokens: count(input.cache_creation_input_tokens),
    reasoning_tokens: count(input.reasoning_tokens),
    spend: spendValid ? (input.spend ?? 0) : 0,
    cost_unknown: !spendValid || (input.cost_unknown ?? false),
    startTime,
    endTime,
    completionStartTime:
      completionStart instanceof Date && Number.isFinite(completionStart.getTime()) ? completionStart : null,
    request_duration_ms: Math.max(0, endTime.getTime() - startTime.getTime()),
    status: input.status === 'failure' ? 'failure' : 'success',
    cache_hit: input.cache_hit ?? false,
    request_tags: input.request_tags ?? [],
    metadata: input.metadata ?? {},
  };
}

/** Increments of one daily rollup row (one UTC day, key, user, team and model). */
export interface RollupDelta {
  date: string;
  api_key: string;
  user_id: string;
  team_id: string;
  model: string;
  model_group: string;
  custom_llm_provider: string;
  prompt_tokens: number;
  completion_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  reasoning_tokens: number;
  spend: number;
  api_requests: number;
  successful_requests: number;
  failed_requests: number;
  cost_unknown_requests: number;
}

/** What a batch adds, each list sorted so that concurrent batches lock rows in the same order. */
export interface SpendAggregate {
  keys: Array<[token: string, spend: number]>;
  users: Array<[userId: string, spend: number]>;
  teams: Array<[teamId: string, spend: number]>;
  rollups: RollupDelta[];
}

function add(totals: Map<string, number>, id: string | null, spend: number): void {
  if (id && spend !== 0) totals.set(id, (totals.get(id) ?? 0) + spend);
}

function sorted(totals: Map<string, number>): Array<[string, number]> {
  return [...totals].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The UTC day of a time, `YYYY-MM-DD`. */
export function utcDay(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/** Sums a batch's logs per key, user, team and daily rollup row. */
export function aggregateSpend(logs: ReadonlyArray<SpendLog>): SpendAggregate {
  const keys = new Map<string, number>();
  const users = new Map<string, number>();
  const teams = new Map<string, number>();
  const rollups = new Map<string, RollupDelta>();
  for (const log of logs) {
    add(keys, log.api_key, log.spend);
    add(users, log.user, log.spend);
    add(teams, log.team_id, log.spend);
    const dimensions = {
      date: utcDay(log.startTime),
      api_key: log.api_key,
      user_id: log.user ?? '',
      team_id: log.team_id ?? '',
      model: log.model,
      model_group: log.model_group ?? '',
      custom_llm_provider: log.custom_llm_provider ?? '',
    };
    const id = JSON.stringify(Object.values(dimensions));
    const rollup = rollups.get(id) ?? {
      ...dimensions,
      prompt_tokens: 0,
      completion_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      reasoning_tokens: 0,
      spend: 0,
      api_requests: 0,
      successful_requests: 0,
      failed_requests: 0,
      cost_unknown_requests: 0,
    };
    rollup.prompt_tokens += log.prompt_tokens;
    rollup.completion_tokens += log.completion_tokens;
    rollup.cache_read_input_tokens += log.cache_read_input_tokens;
    rollup.cache_creation_input_tokens += log.cache_creation_input_tokens;
    rollup.reasoning_tokens += log.reasoning_tokens;
    rollup.spend += log.spend;
    rollup.api_requests += 1;
    rollup.successful_requests += log.status === 'success' ? 1 : 0;
    rollup.failed_requests += log.status === 'failure' ? 1 : 0;
    rollup.cost_unknown_requests += log.cost_unknown ? 1 : 0;
    rollups.set(id, rollup);
  }
  return {
    keys: sorted(keys),
    users: sorted(users),
    teams: sorted(teams),
    rollups: [...rollups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, rollup]) => rollup),
  };
}
