import { makeUsage, type Usage } from '@switchyard/core';
import type { AnthropicUsage } from './anthropic-api-types.js';

const count = (value: number | null | undefined): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;

/**
 * Anthropic's usage in OpenAI's terms. Anthropic's `input_tokens` leaves out the tokens read from
 * and written to the prompt cache, OpenAI's `prompt_tokens` includes them: prompt tokens are the
 * three added up, cached tokens the cache reads and `cache_creation_tokens` the cache writes.
 * Output tokens (thinking included) are the completion tokens, and the thinking among them
 * (`output_tokens_details.thinking_tokens`, where Anthropic reports it) the reasoning tokens.
 */
export function convertAnthropicUsage(usage: AnthropicUsage): Usage {
  const input = count(usage.input_tokens) ?? 0;
  const cacheRead = count(usage.cache_read_input_tokens);
  const cacheCreation = count(usage.cache_creation_input_tokens);
  const thinking = count(usage.output_tokens_details?.thinking_tokens);
  return makeUsage({
    promptTokens: input + (cacheRead ?? 0) + (cacheCreation ?? 0),
    completionTokens: count(usage.output_tokens) ?? 0,
    ...(cacheRead !== undefined ? { cachedTokens: cacheRead } : {}),
    ...(cacheCreation !== undefined ? { cacheCreationTokens: cacheCreation } : {}),
    ...(thinking !== undefined ? { reasoningTokens: thinking } : {}),
  });
}
