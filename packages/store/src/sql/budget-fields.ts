import { addBudgetDuration, parseBudgetDuration } from '../budget-duration.js';
import type { BudgetInput } from '../inputs.js';
import type { BudgetFields } from '../records.js';
import type { SqlRow, SqlValue } from './sql-database.js';
import { toNullableDate, toNullableNumber, toNullableText, toNumber } from './sql-values.js';

/** Columns of `BudgetFields`, in the order `budgetValues` writes them. */
export const budgetColumns = [
  'spend',
  'max_budget',
  'budget_duration',
  'budget_reset_at',
  'rpm_limit',
  'tpm_limit',
  'max_parallel_requests',
] as const;

export function budgetFromRow(row: SqlRow): BudgetFields {
  return {
    spend: toNumber(row.spend),
    max_budget: toNullableNumber(row.max_budget),
    budget_duration: toNullableText(row.budget_duration),
    budget_reset_at: toNullableDate(row.budget_reset_at),
    rpm_limit: toNullableNumber(row.rpm_limit),
    tpm_limit: toNullableNumber(row.tpm_limit),
    max_parallel_requests: toNullableNumber(row.max_parallel_requests),
  };
}

export function budgetValues(budget: BudgetFields): SqlValue[] {
  return [
    budget.spend,
    budget.max_budget,
    budget.budget_duration,
    budget.budget_reset_at,
    budget.rpm_limit,
    budget.tpm_limit,
    budget.max_parallel_requests,
  ];
}

function periodEnd(duration: string | null, now: Date): Date | null {
  return duration === null ? null : addBudgetDuration(parseBudgetDuration(duration), now);
}

function normalizedDuration(duration: string | null | undefined): string | null | undefined {
  return typeof duration === 'string' ? duration.trim() : duration;
}

/** Budget fields of a new row: the first period (if any) starts now. */
export function newBudget(input: BudgetInput & { spend?: number }, now: Date): BudgetFields {
  const duration = normalizedDuration(input.budget_duration) ?? null;
  return {
    spend: input.spend ?? 0,
    max_budget: input.max_budget ?? null,
    budget_duration: duration,
    budget_reset_at: periodEnd(duration, now),
    rpm_limit: input.rpm_limit ?? null,
    tpm_limit: input.tpm_limit ?? null,
    max_parallel_requests: input.max_parallel_requests ?? null,
  };
}

/** The update's value when given, else the current one. */
export function pick<T>(current: T, update: T | undefined): T {
  return update === undefined ? current : update;
}

/**
 * Budget fields after an update. A changed `budget_duration` starts a new period now; the same
 * duration sent again (a UI saving the whole form) keeps the running period.
 */
export function mergeBudget(
  current: BudgetFields,
  update: BudgetInput & { spend?: number },
  now: Date,
): BudgetFields {
  const duration = normalizedDuration(update.budget_duration);
  const durationChanged = duration !== undefined && duration !== current.budget_duration;
  return {
    spend: pick(current.spend, update.spend),
    max_budget: pick(current.max_budget, update.max_budget),
    budget_duration: durationChanged ? duration : current.budget_duration,
    budget_reset_at: durationChanged ? periodEnd(duration, now) : current.budget_reset_at,
    rpm_limit: pick(current.rpm_limit, update.rpm_limit),
    tpm_limit: pick(current.tpm_limit, update.tpm_limit),
    max_parallel_requests: pick(current.max_parallel_requests, update.max_parallel_requests),
  };
}
