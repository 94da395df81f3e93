import { describe, expect, it } from 'vitest';
import { convertGeminiUsage } from './convert-gemini-usage.js';

describe('convertGeminiUsage', () => {
  it('adds thoughts to completion tokens and tool-use prompt tokens to the prompt, recomputing the total', () => {
    expect(
      convertGeminiUsage({
        promptTokenCount: 100,
        cachedContentTokenCount: 60,
        toolUsePromptTokenCount: 5,
        candidatesTokenCount: 18,
        thoughtsTokenCount: 12,
        totalTokenCount: 999,
      }),
    ).toEqual({
      prompt_tokens: 105,
      completion_tokens: 30,
      total_tokens: 135,
      prompt_tokens_details: { cached_tokens: 60 },
      completion_tokens_details: { reasoning_tokens: 12 },
    });
  });

  it('reports no details Gemini did not give, and treats missing counts as 0', () => {
    expect(convertGeminiUsage({ promptTokenCount: 4, totalTokenCount: 4 })).toEqual({
      prompt_tokens: 4,
      completion_tokens: 0,
      total_tokens: 4,
    });
    expect(convertGeminiUsage(undefined)).toBeUndefined();
  });
});
