import { BadRequestError, decodeFloat32Base64, type EmbeddingRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import type { CohereEmbedResponse } from './cohere-api-types.js';
import { convertCohereEmbedResponse, prepareCohereEmbedBody } from './cohere-embeddings.js';

const context = { provider: 'cohere', model: 'embed-v4.0' };
const request: EmbeddingRequest = {
  model: 'embed-v4.0',
  input: ['sunny afternoon by the lake', 'a storm over the harbour'],
};

describe('prepareCohereEmbedBody', () => {
  it('writes the reference request: texts, search_document, float vectors', () => {
    expect(prepareCohereEmbedBody(request, context)).toEqual(loadJsonFixture('embed.request.json'));
  });

  it('takes input_type and truncate from the request, then the deployment; dimensions as output_dimension', () => {
    const body = prepareCohereEmbedBody(
      { model: 'embed-v4.0', input: 'query text', dimensions: 512, input_type: 'search_query' },
      { ...context, params: { input_type: 'classification', truncate: 'END' } },
    );

    expect(body).toEqual({
      model: 'embed-v4.0',
      texts: ['query text'],
      input_type: 'search_query',
      embedding_types: ['float'],
      output_dimension: 512,
      truncate: 'END',
    });
  });

  it('refuses token arrays', () => {
    expect(() => prepareCohereEmbedBody({ model: 'embed-v4.0', input: [1, 2, 3] }, context)).toThrow(
      BadRequestError,
    );
    expect(() => prepareCohereEmbedBody({ model: 'embed-v4.0', input: [[1], [2]] }, context)).toThrow(
      /token arrays/,
    );
  });
});

describe('convertCohereEmbedResponse', () => {
  const response = loadJsonFixture<CohereEmbedResponse>('embed.response.json');

  it('lists the vectors in order with the billed tokens as usage', () => {
    expect(convertCohereEmbedResponse(response, request, 'embed-v4.0')).toEqual({
      object: 'list',
      data: [
        { object: 'embedding', index: 0, embedding: [0.0214, -0.0397, 0.0561, 0.0082, -0.0148] },
        { object: 'embedding', index: 1, embedding: [-0.0333, 0.0126, -0.0472, 0.0689, 0.0041] },
      ],
      model: 'embed-v4.0',
      usage: { prompt_tokens: 10, total_tokens: 10 },
    });
  });

  it('answers base64 as little-endian float32', () => {
    const converted = convertCohereEmbedResponse(
      response,
      { ...request, encoding_format: 'base64' },
      'embed-v4.0',
    );

    const decoded = decodeFloat32Base64(converted?.data[0]?.embedding as string);
    expect(decoded.map((value) => Number(value.toFixed(4)))).toEqual([
      0.0214, -0.0397, 0.0561, 0.0082, -0.0148,
    ]);
  });

  it('has nothing to return without float embeddings', () => {
    expect(convertCohereEmbedResponse({ embeddings: {} }, request, 'embed-v4.0')).toBeUndefined();
  });
});
