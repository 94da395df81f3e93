import { z } from 'zod';
import { day, id, keyReference, queryBoolean, queryInteger } from './common-schemas.js';

/** A bound of a time range: a UTC day (`2026-03-01`) or an ISO 8601 date-time with offset. */
const timeBound = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);

/** GET /spend/logs */
export const spendLogsQuerySchema = z.object({
  api_key: keyReference.optional(),
  user_id: id.optional(),
  team_id: id.optional(),
  model: z.string().trim().min(1).max(512).optional(),
  request_id: z.string().trim().min(1).max(512).optional(),
  start_date: timeBound.optional(),
  end_date: timeBound.optional(),
  /** litellm: with both dates, true (the default) sums per day instead of listing logs. */
  summarize: queryBoolean.default(true),
  limit: queryInteger(1, 1000).default(100),
  cursor: z.string().min(1).max(1000).optional(),
});

/** GET /global/spend (default: the last 30 days, as litellm's view). */
export const globalSpendQuerySchema = z.object({
  start_date: day.optional(),
  end_date: day.optional(),
});

/** litellm's `group_by` values, plus `key` (= api_key), `model` and `user`. */
export const reportGroups = ['team', 'api_key', 'key', 'model', 'user'] as const;

export type ReportGroup = (typeof reportGroups)[number];

/** GET /global/spend/report */
export const spendReportQuerySchema = z.object({
  start_date: day,
  end_date: day,
  group_by: z.enum(reportGroups).default('team'),
  api_key: keyReference.optional(),
  internal_user_id: id.optional(),
  team_id: id.optional(),
});

export type SpendLogsQuery = z.output<typeof spendLogsQuerySchema>;
export type SpendReportQueryInput = z.output<typeof spendReportQuerySchema>;
