import type { ModelGroups } from './model-groups.js';
import { type FallbackList, type RouterSettings, routingStrategies } from './router-settings.js';

/** One problem with the router settings, `path` relative to `router_settings`. */
export interface RouterSettingsIssue {
  path: string;
  message: string;
}

/** Router settings that cannot work (an unknown strategy, a fallback to a group that does not exist). */
export class RouterSettingsError extends Error {
  constructor(readonly issues: ReadonlyArray<RouterSettingsIssue>) {
    super(
      `Invalid router settings:\n${issues.map((issue) => `  router_settings.${issue.path}: ${issue.message}`).join('\n')}`,
    );
    this.name = 'RouterSettingsError';
  }
}

const nonNegative = [
  'num_retries',
  'retry_after',
  'allowed_fails',
  'cooldown_time',
  'max_retry_after',
] as const satisfies ReadonlyArray<keyof RouterSettings>;
const positive = ['timeout', 'stream_timeout', 'stream_idle_timeout'] as const satisfies ReadonlyArray<
  keyof RouterSettings
>;

/** Checks what a type cannot (the proxy's schema checks shapes; the library gets these checks too). */
export function checkRouterSettings(settings: RouterSettings): RouterSettingsIssue[] {
  const issues: RouterSettingsIssue[] = [];
  const strategy = settings.routing_strategy;
  if (strategy !== undefined && !routingStrategies.includes(strategy)) {
    issues.push({
      path: 'routing_strategy',
      message: `Unknown strategy "${strategy}" (one of: ${routingStrategies.join(', ')})`,
    });
  }
  for (const key of nonNegative) {
    const value = settings[key];
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      issues.push({ path: key, message: 'Must be a number of at least 0' });
    }
  }
  for (const key of positive) {
    const value = settings[key];
    if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
      issues.push({ path: key, message: 'Must be a number greater than 0 (seconds)' });
    }
  }
  const buffer = settings.routing_strategy_args?.lowest_latency_buffer;
  if (buffer !== undefined && !(Number.isFinite(buffer) && buffer >= 0)) {
    issues.push({
      path: 'routing_strategy_args.lowest_latency_buffer',
      message: 'Must be a number of at least 0',
    });
  }
  return issues;
}

/** Checks that every group a fallback list or alias names exists. */
export function checkGroupReferences(settings: RouterSettings, groups: ModelGroups): RouterSettingsIssue[] {
  const issues: RouterSettingsIssue[] = [];
  const check = (path: string, name: string) => {
    if (!groups.has(name)) issues.push({ path, message: `Unknown model group "${name}"` });
  };
  const lists: Array<[string, FallbackList | undefined]> = [
    ['fallbacks', settings.fallbacks],
    ['context_window_fallbacks', settings.context_window_fallbacks],
    ['content_policy_fallbacks', settings.content_policy_fallbacks],
  ];
  for (const [key, list] of lists) {
    for (const [index, entry] of (list ?? []).entries()) {
      for (const [from, targets] of Object.entries(entry)) {
        for (const [position, target] of targets.entries())
          check(`${key}[${index}].${from}[${position}]`, target);
      }
    }
  }
  for (const [index, target] of (settings.default_fallbacks ?? []).entries()) {
    check(`default_fallbacks[${index}]`, target);
  }
  for (const [alias, target] of Object.entries(settings.model_group_alias ?? {})) {
    check(`model_group_alias.${alias}`, typeof target === 'string' ? target : target.model);
  }
  return issues;
}
