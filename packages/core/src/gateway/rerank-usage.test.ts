import { describe, expect, it } from 'vitest';
import { rerankUsage } from './rerank-usage.js';

const results = [{ index: 0, relevance_score: 0.5 }];

describe('rerankUsage', () => {
  it('reads input tokens, then billed tokens, as prompt tokens', () => {
    expect(
      rerankUsage({ id: 'r', results, meta: { tokens: { input_tokens: 12, output_tokens: 0 } } }),
    ).toEqual({
      prompt_tokens: 12,
      completion_tokens: 0,
      total_tokens: 12,
    });
    expect(
      rerankUsage({ id: 'r', results, meta: { billed_units: { total_tokens: 30 } } })?.prompt_tokens,
    ).toBe(30);
    expect(
      rerankUsage({ id: 'r', results, meta: { billed_units: { input_tokens: 7, search_units: 1 } } })
        ?.prompt_tokens,
    ).toBe(7);
  });

  it('is undefined for search units only, no meta, or a count that is not a count', () => {
    expect(rerankUsage({ id: 'r', results, meta: { billed_units: { search_units: 1 } } })).toBeUndefined();
    expect(rerankUsage({ id: 'r', results })).toBeUndefined();
    expect(rerankUsage({ id: 'r', results, meta: { tokens: { input_tokens: -1 } } })).toBeUndefined();
  });
});
