/**
 * litellm's `router_settings`, with litellm's names and units (seconds for times). The proxy
 * validates them from `config.yaml`; the library takes the same object.
 */

/** How a deployment is picked among the healthy ones of a group. */
export type RoutingStrategy =
  | 'simple-shuffle'
  | 'least-busy'
  | 'latency-based-routing'
  | 'usage-based-routing'
  | 'usage-based-routing-v2'
  | 'cost-based-routing';

export const routingStrategies: ReadonlyArray<RoutingStrategy> = [
  'simple-shuffle',
  'least-busy',
  'latency-based-routing',
  'usage-based-routing',
  'usage-based-routing-v2',
  'cost-based-routing',
];

/** Retries per error class (litellm's `retry_policy`); a class given here wins over `num_retries`. */
export interface RetryPolicy {
  BadRequestErrorRetries?: number;
  AuthenticationErrorRetries?: number;
  TimeoutErrorRetries?: number;
  RateLimitErrorRetries?: number;
  ContentPolicyViolationErrorRetries?: number;
  InternalServerErrorRetries?: number;
}

/** Failures per minute tolerated per error class before a cooldown (litellm's `allowed_fails_policy`). */
export interface AllowedFailsPolicy {
  BadRequestErrorAllowedFails?: number;
  AuthenticationErrorAllowedFails?: number;
  TimeoutErrorAllowedFails?: number;
  RateLimitErrorAllowedFails?: number;
  ContentPolicyViolationErrorAllowedFails?: number;
  InternalServerErrorAllowedFails?: number;
}

/** litellm's fallback lists: `[{ "gpt-4o": ["gpt-4o-mini", "claude"] }]` (`"*"` matches any group). */
export type FallbackList = ReadonlyArray<Readonly<Record<string, ReadonlyArray<string>>>>;

export interface RoutingStrategyArgs {
  /** latency-based-routing: deployments within this fraction of the fastest share the load. */
  lowest_latency_buffer?: number;
}

/** A `model_group_alias` target: a group name, or litellm's `{ model, hidden }`. */
export type ModelGroupAlias = string | { model: string; hidden?: boolean };

export interface RouterSettings {
  /** Default `simple-shuffle`. */
  routing_strategy?: RoutingStrategy;
  routing_strategy_args?: RoutingStrategyArgs;
  /** Other names for model groups: `{ "gpt-4": "gpt-4o" }`. */
  model_group_alias?: Readonly<Record<string, ModelGroupAlias>>;
  /** Route by tags: requests with tags go to deployments with a matching tag. */
  enable_tag_filtering?: boolean;
  /** Retries of a failed call within its model group. Default 2. */
  num_retries?: number;
  /** Minimum seconds to wait before a retry. Default 0. */
  retry_after?: number;
  retry_policy?: RetryPolicy;
  /** `retry_policy` per model group. */
  model_group_retry_policy?: Readonly<Record<string, RetryPolicy>>;
  /** Failures per minute a deployment may have before it cools down. Default 3. */
  allowed_fails?: number;
  allowed_fails_policy?: AllowedFailsPolicy;
  /** Seconds a deployment is skipped once it cools down. Default 5. */
  cooldown_time?: number;
  disable_cooldowns?: boolean;
  /** Groups to try when a group fails (after its retries). */
  fallbacks?: FallbackList;
  /** Groups to try when the prompt does not fit a group's context window. */
  context_window_fallbacks?: FallbackList;
  /** Groups to try when a group's provider refuses the content. */
  content_policy_fallbacks?: FallbackList;
  /** Groups to try for any group without its own `fallbacks` entry. */
  default_fallbacks?: ReadonlyArray<string>;
  /** Seconds for a whole call. Default 600. */
  timeout?: number;
  /** Seconds to wait for the first chunk of a stream. */
  stream_timeout?: number;
  /** Seconds of silence allowed between two chunks of a stream. Default: `stream_timeout`. */
  stream_idle_timeout?: number;
  /** Skip deployments whose context window the prompt exceeds or that lack a needed capability. */
  enable_pre_call_checks?: boolean;
  /** Longest wait honoured from a `retry-after` header, in seconds (longer ones: backoff). Default 60. */
  max_retry_after?: number;
  /** Redis shared by replicas (cooldowns, in-flight, usage, latency): a URL, or host/port/password. */
  redis_url?: string;
  redis_host?: string;
  redis_port?: number;
  redis_password?: string;
}
