import type { Migration } from '../sql/migrate.js';

// SQLite schema: STRICT tables; times are epoch milliseconds (INTEGER), booleans 0/1, JSON as TEXT.
// Keep the versions, names, tables and columns in step with postgres-migrations.ts (a test checks).

export const sqliteVersionTable = `CREATE TABLE IF NOT EXISTS sy_schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at INTEGER NOT NULL
) STRICT`;

const budgetColumns = `
  spend REAL NOT NULL DEFAULT 0,
  max_budget REAL,
  budget_duration TEXT,
  budget_reset_at INTEGER,
  rpm_limit INTEGER,
  tpm_limit INTEGER,
  max_parallel_requests INTEGER,`;

const auditColumns = `
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  created_by TEXT,
  updated_by TEXT`;

export const sqliteMigrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'keys, users, teams, spend logs and daily rollups',
    statements: [
      `CREATE TABLE sy_keys (
        token TEXT PRIMARY KEY,
        key_name TEXT,
        key_alias TEXT,${budgetColumns}
        models TEXT NOT NULL DEFAULT '[]',
        expires INTEGER,
        user_id TEXT,
        team_id TEXT,
        metadata TEXT NOT NULL DEFAULT '{}',
        tags TEXT NOT NULL DEFAULT '[]',
        allowed_routes TEXT NOT NULL DEFAULT '[]',
        blocked INTEGER NOT NULL DEFAULT 0,
        rotation_count INTEGER NOT NULL DEFAULT 0,
        last_rotation_at INTEGER,${auditColumns}
      ) STRICT`,
      'CREATE UNIQUE INDEX sy_keys_key_alias ON sy_keys (key_alias) WHERE key_alias IS NOT NULL',
      'CREATE INDEX sy_keys_user_id ON sy_keys (user_id)',
      'CREATE INDEX sy_keys_team_id ON sy_keys (team_id)',
      'CREATE INDEX sy_keys_created_at ON sy_keys (created_at, token)',
      'CREATE INDEX sy_keys_budget_reset_at ON sy_keys (budget_reset_at) WHERE budget_duration IS NOT NULL',
      `CREATE TABLE sy_deleted_keys (
        id TEXT PRIMARY KEY,
        token TEXT NOT NULL,
        key_alias TEXT,
        user_id TEXT,
        team_id TEXT,
        spend REAL NOT NULL,
        key_data TEXT NOT NULL,
        deleted_at INTEGER NOT NULL,
        deleted_by TEXT
      ) STRICT`,
      'CREATE INDEX sy_deleted_keys_token ON sy_deleted_keys (token)',
      `CREATE TABLE sy_users (
        user_id TEXT PRIMARY KEY,
        user_alias TEXT,
        user_email TEXT,
        user_role TEXT NOT NULL,${budgetColumns}
        models TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}',${auditColumns}
      ) STRICT`,
      'CREATE INDEX sy_users_user_email ON sy_users (user_email)',
      'CREATE INDEX sy_users_created_at ON sy_users (created_at, user_id)',
      'CREATE INDEX sy_users_budget_reset_at ON sy_users (budget_reset_at) WHERE budget_duration IS NOT NULL',
      `CREATE TABLE sy_teams (
        team_id TEXT PRIMARY KEY,
        team_alias TEXT,${budgetColumns}
        models TEXT NOT NULL DEFAULT '[]',
        metadata TEXT NOT NULL DEFAULT '{}',
        blocked INTEGER NOT NULL DEFAULT 0,${auditColumns}
      ) STRICT`,
      'CREATE INDEX sy_teams_team_alias ON sy_teams (team_alias)',
      'CREATE INDEX sy_teams_created_at ON sy_teams (created_at, team_id)',
      'CREATE INDEX sy_teams_budget_reset_at ON sy_teams (budget_reset_at) WHERE budget_duration IS NOT NULL',
      `CREATE TABLE sy_team_members (
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (team_id, user_id)
      ) STRICT`,
      'CREATE INDEX sy_team_members_user_id ON sy_team_members (user_id)',
      `CREATE TABLE sy_spend_logs (
        request_id TEXT PRIMARY KEY,
        call_type TEXT NOT NULL,
        api_key TEXT NOT NULL,
        user_id TEXT,
        team_id TEXT,
        end_user TEXT,
        model TEXT NOT NULL,
        model_group TEXT,
        model_id TEXT,
        custom_llm_provider TEXT,
        prompt_tokens INTEGER NOT NULL,
        completion_tokens INTEGER NOT NULL,
        total_tokens INTEGER NOT NULL,
        cache_read_input_tokens INTEGER NOT NULL,
        cache_creation_input_tokens INTEGER NOT NULL,
        reasoning_tokens INTEGER NOT NULL,
        spend REAL NOT NULL,
        cost_unknown INTEGER NOT NULL,
        start_time INTEGER NOT NULL,
        end_time INTEGER NOT NULL,
        completion_start_time INTEGER,
        status TEXT NOT NULL,
        cache_hit INTEGER NOT NULL,
        request_tags TEXT NOT NULL,
        metadata TEXT NOT NULL
      ) STRICT`,
      'CREATE INDEX sy_spend_logs_start_time ON sy_spend_logs (start_time, request_id)',
      'CREATE INDEX sy_spend_logs_api_key ON sy_spend_logs (api_key, start_time)',
      'CREATE INDEX sy_spend_logs_user_id ON sy_spend_logs (user_id, start_time)',
      'CREATE INDEX sy_spend_logs_team_id ON sy_spend_logs (team_id, start_time)',
      `CREATE TABLE sy_daily_spend (
        date TEXT NOT NULL,
        api_key TEXT NOT NULL,
        user_id TEXT NOT NULL,
        team_id TEXT NOT NULL,
        model TEXT NOT NULL,
        model_group TEXT NOT NULL,
        custom_llm_provider TEXT NOT NULL,
        prompt_tokens INTEGER NOT NULL DEFAULT 0,
        completion_tokens INTEGER NOT NULL DEFAULT 0,
        cache_read_input_tokens INTEGER NOT NULL DEFAULT 0,
        cache_creation_input_tokens INTEGER NOT NULL DEFAULT 0,
        reasoning_tokens INTEGER NOT NULL DEFAULT 0,
        spend REAL NOT NULL DEFAULT 0,
        api_requests INTEGER NOT NULL DEFAULT 0,
        successful_requests INTEGER NOT NULL DEFAULT 0,
        failed_requests INTEGER NOT NULL DEFAULT 0,
        cost_unknown_requests INTEGER NOT NULL DEFAULT 0,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (date, api_key, user_id, team_id, model, model_group, custom_llm_provider)
      ) STRICT`,
      'CREATE INDEX sy_daily_spend_team_id ON sy_daily_spend (team_id, date)',
      'CREATE INDEX sy_daily_spend_user_id ON sy_daily_spend (user_id, date)',
      'CREATE INDEX sy_daily_spend_api_key ON sy_daily_spend (api_key, date)',
    ],
  },
];
