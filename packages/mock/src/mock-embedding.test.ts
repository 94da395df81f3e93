import { BadRequestError, decodeFloat32Base64 } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  defaultEmbeddingDimensions,
  embeddingInputs,
  embeddingVector,
  mockEmbeddings,
} from './mock-embedding.js';
import { estimateTokens } from './mock-usage.js';

const norm = (vector: readonly number[]) => Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));

describe('embeddingVector', () => {
  it('is a deterministic unit vector of the default size', () => {
    const vector = embeddingVector('hello');
    expect(vector).toHaveLength(defaultEmbeddingDimensions);
    expect(norm(vector)).toBeCloseTo(1, 5);
    expect(vector).toEqual(embeddingVector('hello'));
    expect(vector).not.toEqual(embeddingVector('hello!'));
  });

  it('honours dimensions: fewer components, still unit length, same direction as the longer vector', () => {
    const short = embeddingVector('hello', 8);
    expect(short).toHaveLength(8);
    expect(norm(short)).toBeCloseTo(1, 5);
    const long = embeddingVector('hello', 64);
    const ratio = (long[0] ?? 0) / (short[0] ?? 1);
    for (const [index, value] of short.entries()) expect((long[index] ?? 0) / value).toBeCloseTo(ratio, 4);
  });

  it('tells a text from the same numbers as token ids', () => {
    expect(embeddingVector('1,2')).not.toEqual(embeddingVector([1, 2]));
  });
});

describe('embeddingInputs', () => {
  it('reads a text, texts, token ids and lists of token ids', () => {
    expect(embeddingInputs('a')).toEqual(['a']);
    expect(embeddingInputs(['a', 'b'])).toEqual(['a', 'b']);
    expect(embeddingInputs([1, 2, 3])).toEqual([[1, 2, 3]]);
    expect(embeddingInputs([[1], [2, 3]])).toEqual([[1], [2, 3]]);
  });
});

describe('mockEmbeddings', () => {
  it('answers one embedding per input with estimated usage', () => {
    const response = mockEmbeddings({ model: 'embed', input: ['first text', 'second'] }, 'embed');
    expect(response.object).toBe('list');
    expect(response.model).toBe('embed');
    expect(response.data.map((item) => [item.object, item.index])).toEqual([
      ['embedding', 0],
      ['embedding', 1],
    ]);
    const tokens = estimateTokens('first text') + estimateTokens('second');
    expect(response.usage).toEqual({ prompt_tokens: tokens, total_tokens: tokens });
  });

  it('encodes base64 when asked, carrying the same numbers as the float encoding', () => {
    const request = { model: 'embed', input: 'same', dimensions: 32 };
    const floats = mockEmbeddings(request, 'embed').data[0]?.embedding;
    const base64 = mockEmbeddings({ ...request, encoding_format: 'base64' }, 'embed').data[0]?.embedding;
    expect(typeof base64).toBe('string');
    expect(decodeFloat32Base64(base64 as string)).toEqual(floats);
    expect(floats).toHaveLength(32);
  });

  it('refuses absurd dimensions', () => {
    expect(() => mockEmbeddings({ model: 'embed', input: 'x', dimensions: 1_000_000 }, 'embed')).toThrow(
      BadRequestError,
    );
  });
});
