import { isContentPolicyError, isContextWindowError, warrantsFallback } from './error-class.js';
import type { FallbackList, RouterSettings } from './router-settings.js';

/** The groups a fallback list names for `group` (its own entry, else the `"*"` entry); undefined when none. */
export function fallbackEntry(
  list: FallbackList | undefined,
  group: string,
): ReadonlyArray<string> | undefined {
  if (!list) return undefined;
  let wildcard: ReadonlyArray<string> | undefined;
  for (const entry of list) {
    const own = entry[group];
    if (own) return own;
    wildcard ??= entry['*'];
  }
  return wildcard;
}

/**
 * The model groups to try, in order, after `group` failed with `error`: a context window error
 * uses `context_window_fallbacks`, a content policy refusal `content_policy_fallbacks` (each only
 * when the group has an entry there); otherwise, for errors a fallback can help with, the group's
 * `fallbacks` entry, else `default_fallbacks`. The request's own fallbacks come after them.
 */
export function fallbackGroups(
  settings: Pick<
    RouterSettings,
    'fallbacks' | 'context_window_fallbacks' | 'content_policy_fallbacks' | 'default_fallbacks'
  >,
  group: string,
  error: unknown,
  requestFallbacks: ReadonlyArray<string> = [],
): string[] {
  if (!warrantsFallback(error)) return [];
  const specific = isContextWindowError(error)
    ? fallbackEntry(settings.context_window_fallbacks, group)
    : isContentPolicyError(error)
      ? fallbackEntry(settings.content_policy_fallbacks, group)
      : undefined;
  const configured = specific ?? fallbackEntry(settings.fallbacks, group) ?? settings.default_fallbacks ?? [];
  const out: string[] = [];
  for (const name of [...configured, ...requestFallbacks])
    if (name !== group && !out.includes(name)) out.push(name);
  return out;
}
