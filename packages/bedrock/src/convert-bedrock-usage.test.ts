import { describe, expect, it } from 'vitest';
import { convertBedrockUsage } from './convert-bedrock-usage.js';

describe('convertBedrockUsage', () => {
  it('maps input and output tokens, total = prompt + completion', () => {
    expect(convertBedrockUsage({ inputTokens: 12, outputTokens: 30, totalTokens: 42 })).toEqual({
      prompt_tokens: 12,
      completion_tokens: 30,
      total_tokens: 42,
    });
  });

  it('counts cache reads and writes into prompt_tokens and reports them apart', () => {
    const usage = convertBedrockUsage({
      inputTokens: 10,
      outputTokens: 5,
      totalTokens: 2065,
      cacheReadInputTokens: 2000,
      cacheWriteInputTokens: 50,
    });

    expect(usage).toEqual({
      prompt_tokens: 2060,
      completion_tokens: 5,
      total_tokens: 2065,
      prompt_tokens_details: { cached_tokens: 2000, cache_creation_tokens: 50 },
    });
  });

  it('is undefined without usage, and treats missing counts as zero', () => {
    expect(convertBedrockUsage(undefined)).toBeUndefined();
    expect(convertBedrockUsage({ outputTokens: 3 })).toEqual({
      prompt_tokens: 0,
      completion_tokens: 3,
      total_tokens: 3,
    });
  });
});
