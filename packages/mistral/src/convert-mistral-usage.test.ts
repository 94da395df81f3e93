import { describe, expect, it } from 'vitest';
import { convertMistralUsage } from './convert-mistral-usage.js';

describe('convertMistralUsage', () => {
  it('recomputes the total and reports cached and reasoning tokens inside prompt and completion tokens', () => {
    expect(
      convertMistralUsage({
        prompt_tokens: 120,
        completion_tokens: 40,
        total_tokens: 999,
        prompt_tokens_details: { cached_tokens: 30 },
        completion_tokens_details: { reasoning_tokens: 10 },
      }),
    ).toEqual({
      prompt_tokens: 120,
      completion_tokens: 40,
      total_tokens: 160,
      prompt_tokens_details: { cached_tokens: 30 },
      completion_tokens_details: { reasoning_tokens: 10 },
    });
  });

  it('reads the older flat num_cached_tokens, and nothing when there is no usage', () => {
    expect(
      convertMistralUsage({ prompt_tokens: 10, completion_tokens: 2, num_cached_tokens: 4 })
        ?.prompt_tokens_details,
    ).toEqual({
      cached_tokens: 4,
    });
    expect(convertMistralUsage(undefined)).toBeUndefined();
  });
});
