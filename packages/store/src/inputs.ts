import type { JsonObject, SpendDimension, SpendLogStatus, TeamMember } from './records.js';
import type { UserRole } from './user-roles.js';

/**
 * Budget and limit fields a create or update may set. In an update, `undefined` (or absent) leaves
 * a field as it is and `null` clears it. Setting `budget_duration` starts a new budget period
 * (`budget_reset_at` = now + duration); `budget_reset_at` itself is only ever set by the store.
 */
export interface BudgetInput {
  max_budget?: number | null;
  budget_duration?: string | null;
  rpm_limit?: number | null;
  tpm_limit?: number | null;
  max_parallel_requests?: number | null;
}

/** The editable fields of a key. */
export interface KeyFields extends BudgetInput {
  key_alias?: string | null;
  models?: string[];
  expires?: Date | null;
  user_id?: string | null;
  team_id?: string | null;
  metadata?: JsonObject;
  tags?: string[];
  allowed_routes?: string[];
  blocked?: boolean;
}

export interface NewKey extends KeyFields {
  /** SHA-256 hex of the plaintext (`hashKey`); the plaintext never reaches the store. */
  token: string;
  /** Masked form for display (`maskKey`). */
  key_name?: string | null;
  /** USD already spent (imports); default 0. */
  spend?: number;
  created_by?: string | null;
}

export interface KeyUpdate extends KeyFields {
  /** Overwrites the spend of the current budget period. */
  spend?: number;
  updated_by?: string | null;
}

/** A regenerated key keeps its row, settings and spend; only its hash and masked name change. */
export interface KeyRegeneration extends KeyUpdate {
  token: string;
  key_name?: string | null;
}

export interface UserFields extends BudgetInput {
  user_alias?: string | null;
  user_email?: string | null;
  user_role?: UserRole;
  models?: string[];
  metadata?: JsonObject;
}

export interface NewUser extends UserFields {
  user_id: string;
  spend?: number;
  created_by?: string | null;
}

export interface UserUpdate extends UserFields {
  spend?: number;
  updated_by?: string | null;
}

export interface TeamFields extends BudgetInput {
  team_alias?: string | null;
  models?: string[];
  metadata?: JsonObject;
  blocked?: boolean;
}

export interface NewTeam extends TeamFields {
  team_id: string;
  members_with_roles?: TeamMember[];
  spend?: number;
  created_by?: string | null;
}

export interface TeamUpdate extends TeamFields {
  spend?: number;
  updated_by?: string | null;
}

/** Who deleted something (kept with the archived keys). */
export interface DeleteOptions {
  deleted_by?: string | null;
}

/**
 * A page of a list. `cursor` (from the previous page's `next_cursor`) is stable when rows are
 * added or removed meanwhile; `offset` serves page/size APIs. Both: the cursor wins.
 */
export interface PageRequest {
  /** Default 50, at most 1,000. */
  limit?: number;
  offset?: number;
  cursor?: string | null;
}

export interface Page<T> {
  items: T[];
  /** Rows matching the filters, over all pages. */
  total: number;
  /** Pass as `cursor` for the next page; null on the last page. */
  next_cursor: string | null;
}

/** Filters are exact matches; `null` matches rows where the field is empty. */
export interface KeyFilter extends PageRequest {
  user_id?: string | null;
  team_id?: string | null;
  key_alias?: string | null;
  blocked?: boolean;
}

export interface UserFilter extends PageRequest {
  user_role?: UserRole;
  user_email?: string;
  /** Members of this team. */
  team_id?: string;
}

export interface TeamFilter extends PageRequest {
  team_alias?: string;
  /** Teams this user is a member of. */
  user_id?: string;
}

/** One request's spend as the proxy reports it. Missing numbers are 0, missing fields empty. */
export interface NewSpendLog {
  request_id: string;
  call_type?: string;
  api_key?: string;
  user?: string | null;
  team_id?: string | null;
  end_user?: string | null;
  model?: string;
  model_group?: string | null;
  model_id?: string | null;
  custom_llm_provider?: string | null;
  prompt_tokens?: number;
  completion_tokens?: number;
  /** Default prompt + completion. */
  total_tokens?: number;
  cache_read_input_tokens?: number;
  cache_creation_input_tokens?: number;
  reasoning_tokens?: number;
  /** USD; a missing or non-finite spend is stored as 0 with `cost_unknown`. */
  spend?: number;
  cost_unknown?: boolean;
  startTime: Date;
  endTime: Date;
  completionStartTime?: Date | null;
  status?: SpendLogStatus;
  cache_hit?: boolean;
  request_tags?: string[];
  metadata?: JsonObject;
}

export interface SpendBatchResult {
  /** Logs written now (their spend was added to keys, users, teams and rollups). */
  inserted: number;
  /** Logs already stored (same request_id): skipped, nothing counted twice. */
  duplicates: number;
}

/** Filters of `/spend/logs`. Times: `startTime >= start_time` and `startTime < end_time`. */
export interface SpendLogFilter {
  request_id?: string;
  api_key?: string;
  user?: string;
  team_id?: string;
  model?: string;
  model_group?: string;
  status?: SpendLogStatus;
  start_time?: Date;
  end_time?: Date;
  /** Default 50, at most 1,000. Newest first. */
  limit?: number;
  cursor?: string | null;
}

export interface CursorPage<T> {
  items: T[];
  next_cursor: string | null;
}

/** Filters of the rollup queries. Dates are UTC days `YYYY-MM-DD`, both ends included. */
export interface SpendTotalsFilter {
  start_date?: string;
  end_date?: string;
  api_key?: string;
  user_id?: string;
  team_id?: string;
  model?: string;
  model_group?: string;
}

export interface SpendReportQuery extends SpendTotalsFilter {
  /** Dimensions to group by, e.g. `['date', 'team_id']`; rows come sorted by them. */
  group_by: ReadonlyArray<SpendDimension>;
}

/** What `resetExpiredBudgets` reset (so caches can drop them). */
export interface BudgetResetResult {
  keys: string[];
  users: string[];
  teams: string[];
}

/** What a user or team deletion removed; `keys` are the hashes of the keys deleted with it. */
export interface DeletionResult {
  deleted: string[];
  keys: string[];
}
