import { decodeFloat32Base64 } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  bedrockEmbeddingKind,
  buildEmbeddingResponse,
  embeddingTokens,
  prepareBedrockEmbeddingCalls,
  readBedrockEmbeddings,
} from './bedrock-embeddings.js';

const titan = { provider: 'bedrock', model: 'amazon.titan-embed-text-v2:0', dropParams: false };
const cohere = { provider: 'bedrock', model: 'cohere.embed-english-v3', dropParams: false };

describe('prepareBedrockEmbeddingCalls', () => {
  it('calls Titan V2 once per input, with dimensions and normalize', () => {
    const { calls } = prepareBedrockEmbeddingCalls(
      { model: 'x', input: ['a', 'b'], dimensions: 256 },
      'titan',
      titan,
    );

    expect(calls).toEqual([
      { body: { inputText: 'a', dimensions: 256, normalize: true }, count: 1 },
      { body: { inputText: 'b', dimensions: 256, normalize: true }, count: 1 },
    ]);
  });

  it('sends Titan G1 the input text only and refuses dimensions there', () => {
    const g1 = { ...titan, model: 'amazon.titan-embed-text-v1' };

    expect(prepareBedrockEmbeddingCalls({ model: 'x', input: 'a' }, 'titan', g1).calls).toEqual([
      { body: { inputText: 'a' }, count: 1 },
    ]);
    expect(() =>
      prepareBedrockEmbeddingCalls({ model: 'x', input: 'a', dimensions: 256 }, 'titan', g1),
    ).toThrow('"dimensions"');
  });

  it('batches Cohere texts by 96 with an input_type', () => {
    const input = Array.from({ length: 100 }, (_, index) => `text ${index}`);

    const { calls } = prepareBedrockEmbeddingCalls({ model: 'x', input }, 'cohere', cohere);
    const queries = prepareBedrockEmbeddingCalls(
      { model: 'x', input: 'q', input_type: 'search_query' },
      'cohere',
      cohere,
    );

    expect(calls.map((call) => call.count)).toEqual([96, 4]);
    expect(calls[0]?.body).toEqual({ texts: input.slice(0, 96), input_type: 'search_document' });
    expect(queries.calls[0]?.body).toEqual({ texts: ['q'], input_type: 'search_query' });
  });

  it('refuses token-array input', () => {
    expect(() => prepareBedrockEmbeddingCalls({ model: 'x', input: [1, 2, 3] }, 'titan', titan)).toThrow(
      'text input',
    );
  });
});

describe('reading embeddings', () => {
  it('reads Titan and Cohere answers, plain and by type', () => {
    const titanBody = loadJsonFixture('titan-embed-v2.response.json');
    const cohereBody = loadJsonFixture('cohere-embed.response.json');

    expect(readBedrockEmbeddings(titanBody, 'titan')).toEqual([
      [0.0190287, -0.0211591, 0.0393014, -0.0152487],
    ]);
    expect(readBedrockEmbeddings(cohereBody, 'cohere')).toHaveLength(2);
    expect(readBedrockEmbeddings({ embeddings: { float: [[1, 2]] } }, 'cohere')).toEqual([[1, 2]]);
    expect(readBedrockEmbeddings({ embeddings: 'nope' }, 'cohere')).toBeUndefined();
    expect(embeddingTokens(titanBody, {})).toBe(7);
    expect(embeddingTokens(cohereBody, { 'x-amzn-bedrock-input-token-count': '4' })).toBe(4);
    expect(embeddingTokens(cohereBody, {})).toBeUndefined();
  });

  it('answers base64 when asked, as float32 little-endian', () => {
    const response = buildEmbeddingResponse(
      [[0.5, -0.25]],
      3,
      { model: 'x', input: 'a', encoding_format: 'base64' },
      'm',
    );

    expect(decodeFloat32Base64(String(response.data[0]?.embedding))).toEqual([0.5, -0.25]);
    expect(response.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
  });

  it('knows Titan and Cohere embedding models', () => {
    expect(bedrockEmbeddingKind('amazon.titan-embed-text-v2:0')).toBe('titan');
    expect(bedrockEmbeddingKind('cohere.embed-multilingual-v3')).toBe('cohere');
    expect(bedrockEmbeddingKind('anthropic.claude-3-haiku-20240307-v1:0')).toBeUndefined();
  });
});
