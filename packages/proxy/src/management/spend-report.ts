import type { SpendDimension, SpendReportRow } from '@switchyard/store';
import type { ReportGroup } from './schemas/spend-schemas.js';

/** The rollup dimensions each `group_by` of /global/spend/report reads. */
export const reportDimensions: Record<ReportGroup, ReadonlyArray<SpendDimension>> = {
  team: ['date', 'team_id', 'model', 'api_key'],
  user: ['date', 'user_id', 'model', 'api_key'],
  model: ['date', 'model', 'api_key'],
  api_key: ['date', 'api_key', 'model'],
  key: ['date', 'api_key', 'model'],
};

/** Names to show next to ids: team aliases by team_id, key aliases by hash. */
export interface ReportNames {
  teams: ReadonlyMap<string, string | null>;
  keys: ReadonlyMap<string, string | null>;
}

function groupBy<T>(items: ReadonlyArray<T>, keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

function sum(
  rows: ReadonlyArray<SpendReportRow>,
  field: 'spend' | 'prompt_tokens' | 'completion_tokens' | 'total_tokens',
) {
  return rows.reduce((total, row) => total + row[field], 0);
}

function detail(row: SpendReportRow) {
  return {
    model: row.model ?? null,
    api_key: row.api_key ?? null,
    spend: row.spend,
    total_tokens: row.total_tokens,
  };
}

const byDate = (row: SpendReportRow) => row.date ?? '';

/** litellm's `group_by=team`: per day, the spend of each team with its per-model, per-key detail. */
function teamReport(rows: ReadonlyArray<SpendReportRow>, names: ReportNames) {
  return [...groupBy(rows, byDate)].map(([day, dayRows]) => ({
    group_by_day: day,
    teams: [...groupBy(dayRows, (row) => row.team_id ?? '')].map(([teamId, teamRows]) => ({
      team_id: teamId === '' ? null : teamId,
      team_name:
        (teamId === '' ? null : names.teams.get(teamId)) ?? (teamId === '' ? 'Unassigned Team' : teamId),
      total_spend: sum(teamRows, 'spend'),
      metadata: teamRows.map(detail),
    })),
  }));
}

function userReport(rows: ReadonlyArray<SpendReportRow>) {
  return [...groupBy(rows, byDate)].map(([day, dayRows]) => ({
    group_by_day: day,
    users: [...groupBy(dayRows, (row) => row.user_id ?? '')].map(([userId, userRows]) => ({
      user_id: userId === '' ? null : userId,
      total_spend: sum(userRows, 'spend'),
      metadata: userRows.map(detail),
    })),
  }));
}

function modelReport(rows: ReadonlyArray<SpendReportRow>) {
  return [...groupBy(rows, byDate)].map(([day, dayRows]) => ({
    group_by_day: day,
    models: [...groupBy(dayRows, (row) => row.model ?? '')].map(([model, modelRows]) => ({
      model,
      total_spend: sum(modelRows, 'spend'),
      metadata: modelRows.map((row) => ({
        api_key: row.api_key ?? null,
        spend: row.spend,
        total_tokens: row.total_tokens,
      })),
    })),
  }));
}

/** litellm's `group_by=api_key`: each key's totals over the range, by model, plus its spend per day. */
function keyReport(rows: ReadonlyArray<SpendReportRow>, names: ReportNames) {
  const report = [...groupBy(rows, (row) => row.api_key ?? '')].map(([apiKey, keyRows]) => ({
    api_key: apiKey,
    key_alias: names.keys.get(apiKey) ?? null,
    total_cost: sum(keyRows, 'spend'),
    total_input_tokens: sum(keyRows, 'prompt_tokens'),
    total_output_tokens: sum(keyRows, 'completion_tokens'),
    model_details: [...groupBy(keyRows, (row) => row.model ?? '')].map(([model, modelRows]) => ({
      model,
      total_cost: sum(modelRows, 'spend'),
      total_input_tokens: sum(modelRows, 'prompt_tokens'),
      total_output_tokens: sum(modelRows, 'completion_tokens'),
    })),
    daily_spend: [...groupBy(keyRows, byDate)].map(([date, dayRows]) => ({
      date,
      spend: sum(dayRows, 'spend'),
    })),
  }));
  return report.sort((a, b) => b.total_cost - a.total_cost);
}

/** The /global/spend/report answer for rows grouped by `reportDimensions[group]`. */
export function spendReportBody(group: ReportGroup, rows: ReadonlyArray<SpendReportRow>, names: ReportNames) {
  switch (group) {
    case 'team':
      return teamReport(rows, names);
    case 'user':
      return userReport(rows);
    case 'model':
      return modelReport(rows);
    default:
      return keyReport(rows, names);
  }
}

/**
 * litellm's summarized /spend/logs (both dates given, `summarize` not false): one entry per day
 * of the range, `{startTime, spend, users: {user: spend}, models: {model: spend}, <api_key>: spend}`.
 */
export function summarizedSpend(rows: ReadonlyArray<SpendReportRow>, days: ReadonlyArray<string>) {
  const perDay = groupBy(rows, byDate);
  return days.map((day) => {
    const entry: Record<string, unknown> & { users: Record<string, number>; models: Record<string, number> } =
      {
        startTime: day,
        spend: 0,
        users: {},
        models: {},
      };
    let spend = 0;
    for (const row of perDay.get(day) ?? []) {
      spend += row.spend;
      const apiKey = row.api_key ?? '';
      entry[apiKey] = ((entry[apiKey] as number | undefined) ?? 0) + row.spend;
      const user = row.user_id ?? '';
      entry.users[user] = (entry.users[user] ?? 0) + row.spend;
      const model = row.model ?? '';
      entry.models[model] = (entry.models[model] ?? 0) + row.spend;
    }
    entry.spend = spend;
    return entry;
  });
}

/** The UTC days from `start` to `end`, both included (`YYYY-MM-DD`). */
export function daysBetween(start: string, end: string): string[] {
  const days: string[] = [];
  const last = Date.parse(`${end}T00:00:00.000Z`);
  for (
    let time = Date.parse(`${start}T00:00:00.000Z`);
    time <= last && days.length < 3700;
    time += 86_400_000
  ) {
    days.push(new Date(time).toISOString().slice(0, 10));
  }
  return days;
}
