import { parseBudgetDuration } from '@switchyard/store';
import { z } from 'zod';

/** Zod pieces shared by the management request schemas (all built once, at module load). */

function isDuration(text: string): boolean {
  try {
    parseBudgetDuration(text);
    return true;
  } catch {
    return false;
  }
}

const durationHint =
  'expected a whole number followed by s, m, h, d, w or mo (e.g. "30s", "1h", "30d", "1mo")';
const whitespace = /\s/;
const dateOnly = /^\d{4}-\d{2}-\d{2}$/;
const digits = /^\d{1,9}$/;

/** An id (user_id, team_id, …): 1 to 256 characters, surrounding spaces removed. */
export const id = z.string().trim().min(1).max(256);

/** A display name (alias): 1 to 256 characters. */
export const label = z.string().trim().min(1).max(256);

/** USD: finite and not negative. */
export const money = z.number().finite().nonnegative();

/** A limit (rpm, tpm, parallel requests): a whole number, not negative. */
export const limit = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER);

/** A `budget_duration` (litellm's forms). */
export const budgetDuration = z.string().trim().refine(isDuration, { error: durationHint });

/** A key's `duration` until it expires; `"-1"` means never (as null does). */
export const keyDuration = z
  .string()
  .trim()
  .refine((text) => text === '-1' || isDuration(text), { error: `${durationHint}, or "-1" for never` });

/** `models`: model names, wildcards (`openai/*`), access groups or litellm's special names. */
export const modelList = z.array(z.string().trim().min(1).max(512)).max(1000);

export const stringList = z.array(z.string().trim().min(1).max(512)).max(1000);

export const metadata = z.record(z.string(), z.unknown());

/** An instant: ISO 8601 date-time with offset (`2026-03-01T09:00:00Z`), or a UTC day (`2026-03-01`). */
export const instant = z
  .union([z.iso.datetime({ offset: true }), z.iso.date()])
  .transform((text) => new Date(dateOnly.test(text) ? `${text}T00:00:00.000Z` : text));

/** A UTC day `YYYY-MM-DD`. */
export const day = z.iso.date();

/** A key given as plaintext (`sk-…`) or as its hash. */
export const keyReference = z.string().trim().min(1).max(512);

/** A key value chosen by the caller: `sk-` then at least 5 characters, no spaces. */
export const customKey = z
  .string()
  .startsWith('sk-', { error: 'a key must start with "sk-"' })
  .min(8, { error: 'a key must have at least 8 characters' })
  .max(512)
  .refine((text) => !whitespace.test(text), { error: 'a key may not contain spaces' });

/** A whole number in a query string, within bounds. */
export function queryInteger(min: number, max: number) {
  return z
    .string()
    .regex(digits, { error: 'expected a whole number' })
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
}

/** `true` or `false` in a query string. */
export const queryBoolean = z.enum(['true', 'false']).transform((text) => text === 'true');

/** Budget and limit fields of users, teams and keys: null clears in updates. */
export const budgetFields = {
  max_budget: money.nullish(),
  budget_duration: budgetDuration.nullish(),
  rpm_limit: limit.nullish(),
  tpm_limit: limit.nullish(),
  max_parallel_requests: limit.nullish(),
};
