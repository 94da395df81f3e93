import { z } from 'zod';
import { cacheParamsSchema } from './cache-params-schema.js';
import type { ConfigIssue } from './config-error.js';
import { describeConfigIssue } from './config-issue-message.js';
import {
  booleanLike,
  httpUrl,
  looseSection,
  nonEmptyString,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
  stringOrInteger,
  stringRecord,
} from './config-values.js';
import { formatConfigPath } from './format-config-path.js';
import { fallbackListSchema, routerSettingsSchema } from './router-settings-schema.js';

/**
 * The schema of litellm's proxy `config.yaml`, with litellm's field names. Known fields are typed
 * strictly; every other key is kept as it is (in `litellm_params` it is forwarded to the provider).
 */

const litellmParamsSchema = looseSection({
  /** `provider/model` (e.g. `openai/gpt-4o`, `mock/demo`) or a bare model name (`gpt-4o`). */
  model: nonEmptyString(),
  api_key: z.string().optional(),
  api_base: httpUrl().optional(),
  api_version: z.string().optional(),
  organization: z.string().optional(),
  /** Seconds for the whole call. */
  timeout: positiveNumber().optional(),
  /** Seconds to wait for the first chunk of a stream. */
  stream_timeout: positiveNumber().optional(),
  /** Seconds of silence allowed between two chunks of a stream (default: stream_timeout). */
  stream_idle_timeout: positiveNumber().optional(),
  max_retries: nonNegativeInteger().optional(),
  rpm: nonNegativeInteger().optional(),
  tpm: nonNegativeInteger().optional(),
  weight: positiveNumber().optional(),
  tags: z.array(z.string()).optional(),
  headers: stringRecord().optional(),
  extra_headers: stringRecord().optional(),
  input_cost_per_token: nonNegativeNumber().optional(),
  output_cost_per_token: nonNegativeNumber().optional(),
});

const modelInfoSchema = looseSection({
  /** Deployment id; litellm turns a numeric id into a string, and so do we. */
  id: stringOrInteger().optional(),
  /** `chat`, `completion`, `embedding`, `image_generation`, `rerank`, … */
  mode: z.string().optional(),
  base_model: z.string().optional(),
  max_tokens: positiveInteger().optional(),
  max_input_tokens: positiveInteger().optional(),
  max_output_tokens: positiveInteger().optional(),
  input_cost_per_token: nonNegativeNumber().optional(),
  output_cost_per_token: nonNegativeNumber().optional(),
  cache_read_input_token_cost: nonNegativeNumber().optional(),
  cache_creation_input_token_cost: nonNegativeNumber().optional(),
  output_cost_per_reasoning_token: nonNegativeNumber().optional(),
  supports_function_calling: booleanLike().optional(),
  supports_vision: booleanLike().optional(),
});

const modelListEntrySchema = looseSection({
  /** The name clients ask for; entries sharing it form one model group. */
  model_name: nonEmptyString(),
  litellm_params: litellmParamsSchema,
  model_info: modelInfoSchema.optional(),
});

const customProviderSchema = looseSection({
  provider: nonEmptyString(),
  custom_handler: nonEmptyString(),
});

const litellmSettingsSchema = looseSection({
  drop_params: booleanLike().optional(),
  num_retries: nonNegativeInteger().optional(),
  /** Seconds. */
  request_timeout: positiveNumber().optional(),
  custom_provider_map: z.array(customProviderSchema).optional(),
  // Routing keys litellm also reads here; router_settings wins when both set one.
  fallbacks: fallbackListSchema.optional(),
  context_window_fallbacks: fallbackListSchema.optional(),
  content_policy_fallbacks: fallbackListSchema.optional(),
  default_fallbacks: z.array(nonEmptyString()).optional(),
  set_verbose: booleanLike().optional(),
  json_logs: booleanLike().optional(),
  /** Response cache on (litellm's switch); configured by `cache_params`. */
  cache: booleanLike().optional(),
  cache_params: cacheParamsSchema.optional(),
});

const generalSettingsSchema = looseSection({
  master_key: z
    .string()
    .startsWith('sk-', { error: 'Must start with "sk-" (litellm requires this prefix for the master key)' })
    .optional(),
  max_request_size_mb: positiveNumber().optional(),
  allow_client_side_credentials: booleanLike().optional(),
  database_url: z.string().optional(),
  /** SQLite file of the embedded store when no database_url is set (default `switchyard.db`). */
  database_path: z.string().min(1).optional(),
});

const configSchema = looseSection({
  model_list: z.array(modelListEntrySchema).default([]),
  litellm_settings: litellmSettingsSchema.optional(),
  router_settings: routerSettingsSchema.optional(),
  general_settings: generalSettingsSchema.optional(),
  /** Applied to the environment before `os.environ/NAME` references are resolved. */
  environment_variables: stringRecord().optional(),
});

export type LitellmParams = z.output<typeof litellmParamsSchema>;
export type ModelInfoConfig = z.output<typeof modelInfoSchema>;
export type ModelListEntry = z.output<typeof modelListEntrySchema>;
export type CustomProviderConfig = z.output<typeof customProviderSchema>;
export type LitellmSettings = z.output<typeof litellmSettingsSchema>;
export type CacheParams = z.output<typeof cacheParamsSchema>;
export type RouterSettings = z.output<typeof routerSettingsSchema>;
export type GeneralSettings = z.output<typeof generalSettingsSchema>;
export type SwitchyardConfig = z.output<typeof configSchema>;

/** Top-level keys litellm's proxy reads that Switchyard understands. */
export const KNOWN_TOP_LEVEL_KEYS: ReadonlySet<string> = new Set(Object.keys(configSchema.out.shape));

export type ConfigValidation = { ok: true; config: SwitchyardConfig } | { ok: false; issues: ConfigIssue[] };

/** Validates a parsed config (with `os.environ/` references already resolved). */
export function validateConfig(value: unknown): ConfigValidation {
  const result = configSchema.safeParse(value, { error: describeConfigIssue });
  if (result.success) return { ok: true, config: result.data };
  const issues = result.error.issues.map((issue) => ({
    path: formatConfigPath(issue.path),
    message: issue.message,
  }));
  return { ok: false, issues };
}
