import { BadRequestError } from '@switchyard/core';

/** litellm's duration units: seconds, minutes, hours, days, weeks, calendar months. */
export type BudgetDurationUnit = 's' | 'm' | 'h' | 'd' | 'w' | 'mo';

/** A parsed `budget_duration` such as `30d` or `1mo`. */
export interface BudgetDuration {
  count: number;
  unit: BudgetDurationUnit;
}

const pattern = /^(\d{1,6})(mo|s|m|h|d|w)$/;
const unitMs: Record<Exclude<BudgetDurationUnit, 'mo'>, number> = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
};
/** Longest accepted period: 100 years (keeps every computed date valid). */
const maxMs = 100 * 366 * 86_400_000;
const maxMonths = 1_200;

/**
 * Parses litellm's `budget_duration` forms: a whole number followed by `s`, `m`, `h`, `d`, `w` or
 * `mo` (`30s`, `30m`, `1h`, `1d`, `7d`, `2w`, `30d`, `1mo`). Throws a `BadRequestError` naming
 * `budget_duration` for anything else, zero, or a period longer than 100 years.
 */
export function parseBudgetDuration(text: string): BudgetDuration {
  const match = pattern.exec(text.trim());
  const count = match ? Number(match[1]) : 0;
  const unit = match?.[2] as BudgetDurationUnit | undefined;
  if (!unit || count < 1) {
    throw new BadRequestError({
      message: `budget_duration: ${JSON.stringify(text)} is not a duration; use a whole number followed by s, m, h, d, w or mo (e.g. "30s", "1h", "30d", "1mo")`,
      param: 'budget_duration',
    });
  }
  if (unit === 'mo' ? count > maxMonths : count * unitMs[unit] > maxMs) {
    throw new BadRequestError({
      message: `budget_duration: ${JSON.stringify(text)} is longer than 100 years`,
      param: 'budget_duration',
    });
  }
  return { count, unit };
}

/** Adds whole calendar months in UTC; a day past the end of the target month becomes its last day. */
function addMonths(from: Date, months: number): Date {
  const year = from.getUTCFullYear();
  const month = from.getUTCMonth() + months;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const result = new Date(from.getTime());
  result.setUTCFullYear(year, month, Math.min(from.getUTCDate(), lastDay));
  return result;
}

/** `from` plus `times` periods of `duration` (`1mo` from Jan 31 is Feb 28 or 29). */
export function addBudgetDuration(duration: BudgetDuration, from: Date, times = 1): Date {
  if (duration.unit === 'mo') return addMonths(from, duration.count * times);
  return new Date(from.getTime() + duration.count * unitMs[duration.unit] * times);
}

/**
 * The first end of a budget period after `now`, counting whole periods from `periodEnd` (the
 * period that just ended). Keeps the schedule's rhythm however long the proxy was down: a daily
 * budget that reset at 09:00 keeps resetting at 09:00.
 */
export function nextBudgetResetAt(duration: BudgetDuration, periodEnd: Date, now: Date): Date {
  const elapsed = now.getTime() - periodEnd.getTime();
  let times = 1;
  if (elapsed > 0) {
    if (duration.unit === 'mo') {
      const months =
        (now.getUTCFullYear() - periodEnd.getUTCFullYear()) * 12 +
        now.getUTCMonth() -
        periodEnd.getUTCMonth();
      times = Math.max(1, Math.floor(months / duration.count));
    } else {
      times = Math.floor(elapsed / (duration.count * unitMs[duration.unit])) + 1;
    }
  }
  let next = addBudgetDuration(duration, periodEnd, times);
  while (next.getTime() <= now.getTime()) {
    times += 1;
    next = addBudgetDuration(duration, periodEnd, times);
  }
  return next;
}
