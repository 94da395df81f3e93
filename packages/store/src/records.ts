import type { TeamMemberRole, UserRole } from './user-roles.js';

/** JSON object stored as is (`metadata`). */
export type JsonObject = Record<string, unknown>;

/** Budget and limit fields shared by keys, users and teams (litellm's names). */
export interface BudgetFields {
  /** USD spent since the last budget reset. */
  spend: number;
  /** USD; null = no budget. */
  max_budget: number | null;
  /** How often spend resets (`30s`, `1h`, `1d`, `7d`, `1mo`, …); null = never. */
  budget_duration: string | null;
  /** When spend next resets; set by the store whenever `budget_duration` is. */
  budget_reset_at: Date | null;
  /** Requests per minute; null = no limit. */
  rpm_limit: number | null;
  /** Tokens per minute; null = no limit. */
  tpm_limit: number | null;
  /** Requests in flight at once; null = no limit. */
  max_parallel_requests: number | null;
}

/**
 * A virtual key (litellm's `LiteLLM_VerificationToken`). Only the SHA-256 hash of the key is
 * stored (`token`); the plaintext is shown once, at creation, and never kept.
 */
export interface VirtualKey extends BudgetFields {
  /** SHA-256 hex digest of the plaintext key (see `hashKey`). */
  token: string;
  /** Masked form for display, e.g. `sk-...abcd`. */
  key_name: string | null;
  key_alias: string | null;
  /** Models (or access groups) the key may call; empty = whatever its owner may call. */
  models: string[];
  /** Null = never expires. */
  expires: Date | null;
  user_id: string | null;
  team_id: string | null;
  metadata: JsonObject;
  tags: string[];
  /** Routes the key may call; empty = the default routes for its role. */
  allowed_routes: string[];
  blocked: boolean;
  /** How many times the key was regenerated. */
  rotation_count: number;
  last_rotation_at: Date | null;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  updated_by: string | null;
}

/** A user (litellm's `LiteLLM_UserTable`). */
export interface User extends BudgetFields {
  user_id: string;
  user_alias: string | null;
  user_email: string | null;
  user_role: UserRole;
  /** Models the user may call; empty = all the proxy serves. */
  models: string[];
  /** Teams the user belongs to (from the team memberships). */
  teams: string[];
  metadata: JsonObject;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  updated_by: string | null;
}

/** A member of a team and their role in it (litellm's `members_with_roles[]`). */
export interface TeamMember {
  user_id: string;
  role: TeamMemberRole;
}

/** A team (litellm's `LiteLLM_TeamTable`). */
export interface Team extends BudgetFields {
  team_id: string;
  team_alias: string | null;
  /** Models the team may call; empty = all the proxy serves. */
  models: string[];
  /** In the order they joined (members added together: by user_id). */
  members_with_roles: TeamMember[];
  metadata: JsonObject;
  blocked: boolean;
  created_at: Date;
  updated_at: Date;
  created_by: string | null;
  updated_by: string | null;
}

/** A key with the user and team that own it, as the auth layer needs them. */
export interface KeyContext {
  key: VirtualKey;
  /** Null when the key has no user_id or the user does not exist. */
  user: User | null;
  /** Null when the key has no team_id or the team does not exist. */
  team: Team | null;
}

export type SpendLogStatus = 'success' | 'failure';

/** One request's spend (litellm's `LiteLLM_SpendLogs`, with cached and reasoning tokens apart). */
export interface SpendLog {
  /** Primary key: a replayed batch inserts nothing twice. */
  request_id: string;
  /** What was called: `completion`, `embedding`, `responses`, … */
  call_type: string;
  /** Hash of the virtual key ('' when the master key was used). */
  api_key: string;
  /** The user the key belongs to (litellm's `user`). */
  user: string | null;
  team_id: string | null;
  /** The caller's end user (the request's `user` field). */
  end_user: string | null;
  /** Upstream model id actually called. */
  model: string;
  /** Public model name the client asked for. */
  model_group: string | null;
  /** Router deployment id. */
  model_id: string | null;
  /** Provider prefix, e.g. `openai`. */
  custom_llm_provider: string | null;
  /** Prompt tokens, cached ones included. */
  prompt_tokens: number;
  /** Completion tokens, reasoning ones included. */
  completion_tokens: number;
  total_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  reasoning_tokens: number;
  /** USD. */
  spend: number;
  /** True when no price was known: the spend is not a real 0. */
  cost_unknown: boolean;
  startTime: Date;
  endTime: Date;
  /** First token of a stream, when known. */
  completionStartTime: Date | null;
  request_duration_ms: number;
  status: SpendLogStatus;
  cache_hit: boolean;
  request_tags: string[];
  metadata: JsonObject;
}

/** Sums over spend logs, from the daily rollups. */
export interface SpendTotals {
  spend: number;
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  reasoning_tokens: number;
  api_requests: number;
  successful_requests: number;
  failed_requests: number;
  /** Requests whose price was unknown: their spend is missing from `spend`. */
  cost_unknown_requests: number;
}

/** What a spend report can be grouped by. `date` is the UTC day (`YYYY-MM-DD`). */
export const spendDimensions = [
  'date',
  'api_key',
  'user_id',
  'team_id',
  'model',
  'model_group',
  'custom_llm_provider',
] as const;

export type SpendDimension = (typeof spendDimensions)[number];

/** One row of a spend report: totals for one combination of the requested dimensions. */
export type SpendReportRow = SpendTotals & { [D in SpendDimension]?: string | null };
