import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import type { CohereChatResponse } from './cohere-api-types.js';
import { convertCohereUsage } from './convert-cohere-usage.js';

describe('convertCohereUsage', () => {
  it('reads token counts, cached tokens inside prompt tokens', () => {
    const response = loadJsonFixture<CohereChatResponse>('chat-reasoning.response.json');

    expect(convertCohereUsage(response.usage)).toEqual({
      prompt_tokens: 1290,
      completion_tokens: 96,
      total_tokens: 1386,
      prompt_tokens_details: { cached_tokens: 1216 },
    });
  });

  it('falls back to billed units without token counts', () => {
    expect(convertCohereUsage({ billed_units: { input_tokens: 9, output_tokens: 4 } })).toEqual({
      prompt_tokens: 9,
      completion_tokens: 4,
      total_tokens: 13,
    });
  });

  it('has no usage without any count', () => {
    expect(convertCohereUsage(undefined)).toBeUndefined();
    expect(convertCohereUsage({ billed_units: {} })).toBeUndefined();
  });

  it('never reports more cached tokens than prompt tokens', () => {
    expect(
      convertCohereUsage({ tokens: { input_tokens: 10, output_tokens: 1 }, cached_tokens: 50 })
        ?.prompt_tokens_details,
    ).toEqual({ cached_tokens: 10 });
  });
});
