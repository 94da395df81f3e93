import { describe, expect, it } from 'vitest';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';

describe('convertAnthropicUsage', () => {
  it('adds cache reads and writes to the prompt tokens and keeps them apart in the details', () => {
    expect(
      convertAnthropicUsage({
        input_tokens: 40,
        cache_read_input_tokens: 3000,
        cache_creation_input_tokens: 1200,
        output_tokens: 640,
        output_tokens_details: { thinking_tokens: 512 },
      }),
    ).toEqual({
      prompt_tokens: 4240,
      completion_tokens: 640,
      total_tokens: 4880,
      prompt_tokens_details: { cached_tokens: 3000, cache_creation_tokens: 1200 },
      completion_tokens_details: { reasoning_tokens: 512 },
    });
  });

  it('has no details the answer did not give', () => {
    expect(convertAnthropicUsage({ input_tokens: 25, output_tokens: 15 })).toEqual({
      prompt_tokens: 25,
      completion_tokens: 15,
      total_tokens: 40,
    });
  });

  it('reads missing or null counts as 0', () => {
    expect(convertAnthropicUsage({ input_tokens: null, cache_read_input_tokens: 7 })).toEqual({
      prompt_tokens: 7,
      completion_tokens: 0,
      total_tokens: 7,
      prompt_tokens_details: { cached_tokens: 7 },
    });
  });
});
