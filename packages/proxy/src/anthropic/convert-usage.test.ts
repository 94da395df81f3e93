import { describe, expect, it } from 'vitest';
import { convertUsage } from './convert-usage.js';

describe('convertUsage', () => {
  it('takes cache reads and writes out of the input tokens', () => {
    expect(
      convertUsage({
        prompt_tokens: 2095,
        completion_tokens: 503,
        total_tokens: 2598,
        prompt_tokens_details: { cached_tokens: 1000, cache_creation_tokens: 95 },
      }),
    ).toEqual({
      input_tokens: 1000,
      output_tokens: 503,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 95,
    });
  });

  it('reports zeros when there is no usage', () => {
    expect(convertUsage(undefined)).toEqual({
      input_tokens: 0,
      output_tokens: 0,
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
    });
  });
});
