import { makeUsage, type Usage } from '@switchyard/core';
import type { CohereUsage } from './cohere-api-types.js';

const count = (value: number | null | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Cohere's usage in OpenAI's terms. `tokens` counts what the model read and wrote; `billed_units`
 * (what is charged, without cached prompt tokens and some prompt overhead) is the fallback when
 * `tokens` is missing. `cached_tokens` is part of `tokens.input_tokens`, so it is reported inside
 * prompt tokens. Cohere does not count reasoning tokens separately (thinking is in output tokens),
 * so there is no reasoning-token detail to report.
 */
export function convertCohereUsage(usage: CohereUsage | null | undefined): Usage | undefined {
  if (!usage) return undefined;
  const promptTokens = count(usage.tokens?.input_tokens) ?? count(usage.billed_units?.input_tokens);
  const completionTokens = count(usage.tokens?.output_tokens) ?? count(usage.billed_units?.output_tokens);
  if (promptTokens === undefined && completionTokens === undefined) return undefined;
  const cached = count(usage.cached_tokens);
  return makeUsage({
    promptTokens: promptTokens ?? 0,
    completionTokens: completionTokens ?? 0,
    ...(cached !== undefined ? { cachedTokens: Math.min(cached, promptTokens ?? 0) } : {}),
  });
}
