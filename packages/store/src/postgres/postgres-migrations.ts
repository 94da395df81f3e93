import type { Migration } from '../sql/migrate.js';

// PostgreSQL schema: timestamptz, double precision money, bigint counters, jsonb documents.
// Keep the versions, names, tables and columns in step with sqlite-migrations.ts (a test checks).

export const postgresVersionTable = `CREATE TABLE IF NOT EXISTS sy_schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TIMESTAMPTZ NOT NULL
)`;

/**
 * The first statements of the migration transaction: no statement timeout (a migration may build
 * an index on a large table), then an advisory lock that serialises migrations across replicas
 * (and test runs) sharing a server, then the schema when one is configured.
 */
export function postgresMigrationBegin(schema: string | undefined): string[] {
  return [
    'SET LOCAL statement_timeout = 0',
    `SELECT pg_advisory_xact_lock(hashtext('switchyard.store.migrate'))`,
    ...(schema === undefined ? [] : [`CREATE SCHEMA IF NOT EXISTS ${schema}`]),
  ];
}

const budgetColumns = `
  spend DOUBLE PRECISION NOT NULL DEFAULT 0,
  max_budget DOUBLE PRECISION,
  budget_duration TEXT,
  budget_reset_at TIMESTAMPTZ,
  rpm_limit BIGINT,
  tpm_limit BIGINT,
  max_parallel_requests INTEGER,`;

const auditColumns = `
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  created_by TEXT,
  updated_by TEXT`;

export const postgresMigrations: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'keys, users, teams, spend logs and daily rollups',
    statements: [
      `CREATE TABLE sy_keys (
        token TEXT PRIMARY KEY,
        key_name TEXT,
        key_alias TEXT,${budgetColumns}
        models JSONB NOT NULL DEFAULT '[]',
        expires TIMESTAMPTZ,
        user_id TEXT,
        team_id TEXT,
        metadata JSONB NOT NULL DEFAULT '{}',
        tags JSONB NOT NULL DEFAULT '[]',
        allowed_routes JSONB NOT NULL DEFAULT '[]',
        blocked BOOLEAN NOT NULL DEFAULT false,
        rotation_count INTEGER NOT NULL DEFAULT 0,
        last_rotation_at TIMESTAMPTZ,${auditColumns}
      )`,
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
        spend DOUBLE PRECISION NOT NULL,
        key_data JSONB NOT NULL,
        deleted_at TIMESTAMPTZ NOT NULL,
        deleted_by TEXT
      )`,
      'CREATE INDEX sy_deleted_keys_token ON sy_deleted_keys (token)',
      `CREATE TABLE sy_users (
        user_id TEXT PRIMARY KEY,
        user_alias TEXT,
        user_email TEXT,
        user_role TEXT NOT NULL,${budgetColumns}
        models JSONB NOT NULL DEFAULT '[]',
        metadata JSONB NOT NULL DEFAULT '{}',${auditColumns}
      )`,
      'CREATE INDEX sy_users_user_email ON sy_users (user_email)',
      'CREATE INDEX sy_users_created_at ON sy_users (created_at, user_id)',
      'CREATE INDEX sy_users_budget_reset_at ON sy_users (budget_reset_at) WHERE budget_duration IS NOT NULL',
      `CREATE TABLE sy_teams (
        team_id TEXT PRIMARY KEY,
        team_alias TEXT,${budgetColumns}
        models JSONB NOT NULL DEFAULT '[]',
        metadata JSONB NOT NULL DEFAULT '{}',
        blocked BOOLEAN NOT NULL DEFAULT false,${auditColumns}
      )`,
      'CREATE INDEX sy_teams_team_alias ON sy_teams (team_alias)',
      'CREATE INDEX sy_teams_created_at ON sy_teams (created_at, team_id)',
      'CREATE INDEX sy_teams_budget_reset_at ON sy_teams (budget_reset_at) WHERE budget_duration IS NOT NULL',
      `CREATE TABLE sy_team_members (
        team_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (team_id, user_id)
      )`,
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
        prompt_tokens BIGINT NOT NULL,
        completion_tokens BIGINT NOT NULL,
        total_tokens BIGINT NOT NULL,
        cache_read_input_tokens BIGINT NOT NULL,
        cache_creation_input_tokens BIGINT NOT NULL,
        reasoning_tokens BIGINT NOT NULL,
        spend DOUBLE PRECISION NOT NULL,
        cost_unknown BOOLEAN NOT NULL,
        start_time TIMESTAMPTZ NOT NULL,
        end_time TIMESTAMPTZ NOT NULL,
        completion_start_time TIMESTAMPTZ,
        status TEXT NOT NULL,
        cache_hit BOOLEAN NOT NULL,
        request_tags JSONB NOT NULL,
        metadata JSONB NOT NULL
      )`,
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
        prompt_tokens BIGINT NOT NULL DEFAULT 0,
        completion_tokens BIGINT NOT NULL DEFAULT 0,
        cache_read_input_tokens BIGINT NOT NULL DEFAULT 0,
        cache_creation_input_tokens BIGINT NOT NULL DEFAULT 0,
        reasoning_tokens BIGINT NOT NULL DEFAULT 0,
        spend DOUBLE PRECISION NOT NULL DEFAULT 0,
        api_requests BIGINT NOT NULL DEFAULT 0,
        successful_requests BIGINT NOT NULL DEFAULT 0,
        failed_requests BIGINT NOT NULL DEFAULT 0,
        cost_unknown_requests BIGINT NOT NULL DEFAULT 0,
        updated_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (date, api_key, user_id, team_id, model, model_group, custom_llm_provider)
      )`,
      'CREATE INDEX sy_daily_spend_team_id ON sy_daily_spend (team_id, date)',
      'CREATE INDEX sy_daily_spend_user_id ON sy_daily_spend (user_id, date)',
      'CREATE INDEX sy_daily_spend_api_key ON sy_daily_spend (api_key, date)',
    ],
  },
];
