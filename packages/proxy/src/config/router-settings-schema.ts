import { z } from 'zod';
import {
  booleanLike,
  looseSection,
  nonEmptyString,
  nonNegativeInteger,
  nonNegativeNumber,
  positiveInteger,
  positiveNumber,
} from './config-values.js';

// litellm's router_settings (and the routing keys litellm also reads from litellm_settings),
// validated into the typed `RouterSettings` of @switchyard/router.

const routingStrategy = z.enum(
  [
    'simple-shuffle',
    'least-busy',
    'latency-based-routing',
    'usage-based-routing',
    'usage-based-routing-v2',
    'cost-based-routing',
  ],
  {
    error: (issue) =>
      `Unknown routing strategy ${JSON.stringify(issue.input)} (one of: simple-shuffle, least-busy, latency-based-routing, usage-based-routing, usage-based-routing-v2, cost-based-routing)`,
  },
);

/** `[{ "gpt-4o": ["gpt-4o-mini"] }]`: each entry maps a model group to the groups to try after it. */
export const fallbackListSchema = z.array(z.record(z.string().min(1), z.array(nonEmptyString())));

const retryPolicySchema = z.strictObject({
  BadRequestErrorRetries: nonNegativeInteger().optional(),
  AuthenticationErrorRetries: nonNegativeInteger().optional(),
  TimeoutErrorRetries: nonNegativeInteger().optional(),
  RateLimitErrorRetries: nonNegativeInteger().optional(),
  ContentPolicyViolationErrorRetries: nonNegativeInteger().optional(),
  InternalServerErrorRetries: nonNegativeInteger().optional(),
});

const allowedFailsPolicySchema = z.strictObject({
  BadRequestErrorAllowedFails: nonNegativeInteger().optional(),
  AuthenticationErrorAllowedFails: nonNegativeInteger().optional(),
  TimeoutErrorAllowedFails: nonNegativeInteger().optional(),
  RateLimitErrorAllowedFails: nonNegativeInteger().optional(),
  ContentPolicyViolationErrorAllowedFails: nonNegativeInteger().optional(),
  InternalServerErrorAllowedFails: nonNegativeInteger().optional(),
});

const aliasSchema = z.union([
  nonEmptyString(),
  z.strictObject({ model: nonEmptyString(), hidden: booleanLike().optional() }),
]);

export const routerSettingsSchema = looseSection({
  routing_strategy: routingStrategy.optional(),
  routing_strategy_args: looseSection({ lowest_latency_buffer: nonNegativeNumber().optional() }).optional(),
  model_group_alias: z.record(z.string().min(1), aliasSchema).optional(),
  enable_tag_filtering: booleanLike().optional(),
  num_retries: nonNegativeInteger().optional(),
  /** Seconds. */
  retry_after: nonNegativeNumber().optional(),
  retry_policy: retryPolicySchema.optional(),
  model_group_retry_policy: z.record(z.string().min(1), retryPolicySchema).optional(),
  allowed_fails: nonNegativeInteger().optional(),
  allowed_fails_policy: allowedFailsPolicySchema.optional(),
  /** Seconds. */
  cooldown_time: nonNegativeNumber().optional(),
  disable_cooldowns: booleanLike().optional(),
  fallbacks: fallbackListSchema.optional(),
  context_window_fallbacks: fallbackListSchema.optional(),
  content_policy_fallbacks: fallbackListSchema.optional(),
  default_fallbacks: z.array(nonEmptyString()).optional(),
  /** Seconds. */
  timeout: positiveNumber().optional(),
  stream_timeout: positiveNumber().optional(),
  stream_idle_timeout: positiveNumber().optional(),
  enable_pre_call_checks: booleanLike().optional(),
  max_retry_after: nonNegativeNumber().optional(),
  redis_url: nonEmptyString().optional(),
  redis_host: nonEmptyString().optional(),
  redis_port: positiveInteger()
    .refine((port) => (port as number) <= 65_535, { error: 'Must be a port number up to 65535' })
    .optional(),
  redis_password: z.string().optional(),
});
