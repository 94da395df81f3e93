import type { Usage } from '@switchyard/core';
import type { AnthropicOutputUsage } from './anthropic-message-types.js';

/**
 * Canonical usage in Anthropic's terms. OpenAI's `prompt_tokens` include the tokens read from and
 * written to the prompt cache; Anthropic's `input_tokens` leave both out and report them as
 * `cache_read_input_tokens` and `cache_creation_input_tokens`. Output tokens are the completion
 * tokens (reasoning included, as with Anthropic).
 */
export function convertUsage(usage: Usage | null | undefined): AnthropicOutputUsage {
  const cacheRead = usage?.prompt_tokens_details?.cached_tokens ?? 0;
  const cacheCreation = usage?.prompt_tokens_details?.cache_creation_tokens ?? 0;
  return {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - cacheRead - cacheCreation),
    output_tokens: usage?.completion_tokens ?? 0,
    cache_creation_input_tokens: cacheCreation,
    cache_read_input_tokens: cacheRead,
  };
}
