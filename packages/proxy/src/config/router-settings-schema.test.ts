import { describe, expect, it } from 'vitest';
import { routerSettingsFromConfig } from '../router-from-config.js';
import { validateConfig } from './config-schema.js';

function issuesOf(value: unknown) {
  const result = validateConfig(value);
  if (result.ok) throw new Error('expected validation to fail');
  return result.issues;
}

describe('router_settings', () => {
  it('accepts litellm settings, coercing numbers and flags as litellm does', () => {
    const result = validateConfig({
      router_settings: {
        routing_strategy: 'latency-based-routing',
        routing_strategy_args: { lowest_latency_buffer: '0.2' },
        num_retries: '3',
        cooldown_time: 10,
        enable_pre_call_checks: 'true',
        retry_policy: { RateLimitErrorRetries: 4 },
        allowed_fails_policy: { TimeoutErrorAllowedFails: 1 },
        fallbacks: [{ a: ['b', 'c'] }],
        model_group_alias: { old: 'a', hidden: { model: 'a', hidden: true } },
        redis_port: '6380',
        some_future_litellm_key: 1,
      },
    });
    expect(result.ok && result.config.router_settings).toMatchObject({
      routing_strategy: 'latency-based-routing',
      routing_strategy_args: { lowest_latency_buffer: 0.2 },
      num_retries: 3,
      enable_pre_call_checks: true,
      redis_port: 6380,
      some_future_litellm_key: 1,
    });
  });

  it('names the offending path', () => {
    const issues = issuesOf({
      router_settings: {
        routing_strategy: 'fastest',
        num_retries: -1,
        fallbacks: [{ a: 'b' }],
        retry_policy: { TeapotErrorRetries: 1 },
        timeout: 0,
      },
    });
    const paths = issues.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'router_settings.routing_strategy',
        'router_settings.num_retries',
        'router_settings.fallbacks[0].a',
        'router_settings.retry_policy',
        'router_settings.timeout',
      ]),
    );
    expect(issues.find((issue) => issue.path === 'router_settings.routing_strategy')?.message).toContain(
      'simple-shuffle',
    );
  });

  it('takes the routing keys litellm reads from litellm_settings, router_settings winning', () => {
    const result = validateConfig({
      litellm_settings: {
        num_retries: 5,
        request_timeout: 30,
        fallbacks: [{ a: ['b'] }],
        context_window_fallbacks: [{ a: ['c'] }],
        default_fallbacks: ['d'],
      },
      router_settings: { num_retries: 1 },
    });
    if (!result.ok) throw new Error('expected a valid config');
    expect(routerSettingsFromConfig(result.config)).toEqual({
      num_retries: 1,
      timeout: 30,
      fallbacks: [{ a: ['b'] }],
      context_window_fallbacks: [{ a: ['c'] }],
      default_fallbacks: ['d'],
    });
  });
});
