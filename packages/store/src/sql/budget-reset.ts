import { addBudgetDuration, nextBudgetResetAt, parseBudgetDuration } from '../budget-duration.js';
import type { BudgetResetResult } from '../inputs.js';
import type { SqlContext } from './sql-context.js';
import { toNullableDate, toText } from './sql-values.js';

const batchSize = 500;

const tables = [
  { result: 'keys', table: 'sy_keys', id: 'token' },
  { result: 'users', table: 'sy_users', id: 'user_id' },
  { result: 'teams', table: 'sy_teams', id: 'team_id' },
] as const;

type Table = (typeof tables)[number];

function tryParse(duration: string) {
  try {
    return parseBudgetDuration(duration);
  } catch {
    return null;
  }
}

/**
 * Resets one table's due budgets, a batch of rows at a time. Each row is reset by its own
 * statement, guarded by `budget_reset_at <= now`: when two replicas race, the second finds the
 * period already moved on and changes nothing.
 */
async function resetTable(ctx: SqlContext, { table, id }: Table, now: Date): Promise<string[]> {
  const reset: string[] = [];
  let after = '';
  for (;;) {
    const rows = await ctx.db.query(
      `SELECT ${id} AS id, budget_duration, budget_reset_at FROM ${table}
       WHERE budget_duration IS NOT NULL AND (budget_reset_at IS NULL OR budget_reset_at <= $1) AND ${id} > $2
       ORDER BY ${id} LIMIT ${batchSize}`,
      [now, after],
    );
    for (const row of rows) {
      const rowId = toText(row.id);
      const durationText = toText(row.budget_duration);
      const duration = tryParse(durationText);
      if (!duration) continue;
      const periodEnd = toNullableDate(row.budget_reset_at);
      if (periodEnd === null) {
        // A duration without a period (e.g. rows written by another tool): start the first period now.
        await ctx.db.execute(
          `UPDATE ${table} SET budget_reset_at = $2 WHERE ${id} = $1 AND budget_reset_at IS NULL AND budget_duration = $3`,
          [rowId, addBudgetDuration(duration, now), durationText],
        );
        continue;
      }
      const changed = await ctx.db.execute(
        `UPDATE ${table} SET spend = 0, budget_reset_at = $2 WHERE ${id} = $1 AND budget_reset_at <= $3 AND budget_duration = $4`,
        [rowId, nextBudgetResetAt(duration, periodEnd, now), now, durationText],
      );
      if (changed > 0) reset.push(rowId);
    }
    if (rows.length < batchSize) return reset;
    after = toText(rows[rows.length - 1]?.id);
  }
}

export async function resetExpiredBudgets(ctx: SqlContext, now: Date): Promise<BudgetResetResult> {
  const result: BudgetResetResult = { keys: [], users: [], teams: [] };
  for (const table of tables) result[table.result] = await resetTable(ctx, table, now);
  return result;
}
