import { z } from 'zod';

/** OpenAI's usage: prompt tokens include cached ones, completion tokens include reasoning ones. */
export const usageSchema = z.looseObject({
  prompt_tokens: z.number(),
  completion_tokens: z.number(),
  total_tokens: z.number(),
  prompt_tokens_details: z
    .looseObject({
      cached_tokens: z.number().nullish(),
      audio_tokens: z.number().nullish(),
      /** Tokens written to a provider's prompt cache (Anthropic cache_creation_input_tokens). */
      cache_creation_tokens: z.number().nullish(),
    })
    .nullish(),
  completion_tokens_details: z
    .looseObject({
      reasoning_tokens: z.number().nullish(),
      audio_tokens: z.number().nullish(),
      accepted_prediction_tokens: z.number().nullish(),
      rejected_prediction_tokens: z.number().nullish(),
    })
    .nullish(),
});

export type Usage = z.infer<typeof usageSchema>;

export interface UsageParts {
  promptTokens: number;
  completionTokens: number;
  cachedTokens?: number;
  cacheCreationTokens?: number;
  reasoningTokens?: number;
}

/** Builds a consistent usage object (total = prompt + completion) from its parts. */
export function makeUsage(parts: UsageParts): Usage {
  const usage: Usage = {
    prompt_tokens: parts.promptTokens,
    completion_tokens: parts.completionTokens,
    total_tokens: parts.promptTokens + parts.completionTokens,
  };
  if (parts.cachedTokens !== undefined || parts.cacheCreationTokens !== undefined) {
    usage.prompt_tokens_details = { cached_tokens: parts.cachedTokens ?? 0 };
    if (parts.cacheCreationTokens !== undefined) {
      usage.prompt_tokens_details.cache_creation_tokens = parts.cacheCreationTokens;
    }
  }
  if (parts.reasoningTokens !== undefined) {
    usage.completion_tokens_details = { reasoning_tokens: parts.reasoningTokens };
  }
  return usage;
}
