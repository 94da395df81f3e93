import { isRecord, makeUsage, type Usage } from '@switchyard/core';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;

/**
 * Mistral's usage in canonical form. Its prompt tokens include cached ones (reported in
 * `prompt_tokens_details.cached_tokens`, by older deployments as `num_cached_tokens`), and
 * completion tokens include reasoning ones where a deployment reports them; total is recomputed.
 */
export function convertMistralUsage(usage: unknown): Usage | undefined {
  if (!isRecord(usage)) return undefined;
  const promptTokens = count(usage.prompt_tokens) ?? 0;
  const completionTokens = count(usage.completion_tokens) ?? 0;
  const promptDetails = isRecord(usage.prompt_tokens_details) ? usage.prompt_tokens_details : {};
  const completionDetails = isRecord(usage.completion_tokens_details) ? usage.completion_tokens_details : {};
  const cachedTokens = count(promptDetails.cached_tokens) ?? count(usage.num_cached_tokens);
  const reasoningTokens = count(completionDetails.reasoning_tokens);
  return makeUsage({
    promptTokens,
    completionTokens,
    ...(cachedTokens !== undefined ? { cachedTokens: Math.min(cachedTokens, promptTokens) } : {}),
    ...(reasoningTokens !== undefined
      ? { reasoningTokens: Math.min(reasoningTokens, completionTokens) }
      : {}),
  });
}
