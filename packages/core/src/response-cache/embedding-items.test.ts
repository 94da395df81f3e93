import { describe, expect, it } from 'vitest';
import {
  cachedEmbeddingsOf,
  embeddingItems,
  embeddingResponseOf,
  inputOf,
  isCachedEmbedding,
  splitTokens,
} from './embedding-items.js';

describe('embedding items', () => {
  it('splits every input form into items and builds inputs back', () => {
    expect(embeddingItems('a')).toEqual({ items: ['a'], single: true });
    expect(embeddingItems(['a', 'b'])).toEqual({ items: ['a', 'b'], single: false });
    expect(embeddingItems([1, 2, 3])).toEqual({ items: [[1, 2, 3]], single: true });
    expect(embeddingItems([[1], [2, 3]])).toEqual({ items: [[1], [2, 3]], single: false });
    expect(inputOf(['a'])).toBe('a');
    expect(inputOf(['a', 'b'])).toEqual(['a', 'b']);
    expect(inputOf([[4, 5]])).toEqual([[4, 5]]);
  });

  it('shares prompt tokens so they add up to the batch count', () => {
    expect(splitTokens(10, 3)).toEqual([4, 3, 3]);
    expect(splitTokens(7, 1)).toEqual([7]);
    expect(splitTokens(undefined, 2)).toEqual([undefined, undefined]);
    const shares = splitTokens(1001, 7) as number[];
    expect(shares.reduce((sum, share) => sum + share, 0)).toBe(1001);
  });

  it('takes per-input entries from a response in index order, and refuses a mismatched one', () => {
    const response = {
      object: 'list' as const,
      data: [
        { object: 'embedding' as const, index: 1, embedding: [0, 1] },
        { object: 'embedding' as const, index: 0, embedding: [1, 0] },
      ],
      model: 'e',
      usage: { prompt_tokens: 5, total_tokens: 5 },
    };
    expect(cachedEmbeddingsOf(response, 2)).toEqual([
      { embedding: [1, 0], prompt_tokens: 3 },
      { embedding: [0, 1], prompt_tokens: 2 },
    ]);
    expect(cachedEmbeddingsOf(response, 3)).toBeUndefined();
    const rebuilt = embeddingResponseOf(cachedEmbeddingsOf(response, 2)!, 'e');
    expect(rebuilt.usage).toEqual({ prompt_tokens: 5, total_tokens: 5 });
    expect(rebuilt.data.map((item) => item.index)).toEqual([0, 1]);
    expect(isCachedEmbedding({ embedding: 'AAAA' })).toBe(true);
    expect(isCachedEmbedding({ embedding: 3 })).toBe(false);
  });
});
