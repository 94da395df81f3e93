import { BadGatewayError, BadRequestError, decodeFloat32Base64 } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { convertGeminiEmbeddings, prepareGeminiEmbeddings } from './gemini-embeddings.js';

const context = { provider: 'gemini', model: 'gemini-embedding-001' };

describe('prepareGeminiEmbeddings', () => {
  it('makes one request per input, as the reference batches them', () => {
    expect(
      prepareGeminiEmbeddings(
        {
          model: 'gemini-embedding-001',
          input: ['What is the meaning of life?', 'How much wood would a woodchuck chuck?'],
        },
        context,
      ),
    ).toEqual(loadJsonFixture('batch-embed-contents.request.json'));
  });

  it('passes dimensions and task_type', () => {
    expect(
      prepareGeminiEmbeddings(
        { model: 'm', input: 'hi', dimensions: 256, task_type: 'RETRIEVAL_QUERY' },
        context,
      ),
    ).toEqual({
      requests: [
        {
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text: 'hi' }] },
          taskType: 'RETRIEVAL_QUERY',
          outputDimensionality: 256,
        },
      ],
    });
  });

  it('refuses token arrays', () => {
    expect(() => prepareGeminiEmbeddings({ model: 'm', input: [1, 2, 3] }, context)).toThrow(BadRequestError);
  });
});

describe('convertGeminiEmbeddings', () => {
  const body = loadJsonFixture('batch-embed-contents.response.json');

  it('returns float vectors in order, without a made-up usage', () => {
    const response = convertGeminiEmbeddings(body, { model: 'm', input: ['a', 'b'] }, context);

    expect(response).toEqual({
      object: 'list',
      data: [
        {
          object: 'embedding',
          index: 0,
          embedding: [-0.022374554, -0.004560777, 0.013309286, -0.0545072, 0.02090443],
        },
        {
          object: 'embedding',
          index: 1,
          embedding: [0.0043218043, 0.007894215, -0.0317281, 0.017405245, -0.010952018],
        },
      ],
      model: 'gemini-embedding-001',
    });
  });

  it('encodes vectors as base64 float32 when asked', () => {
    const response = convertGeminiEmbeddings(
      body,
      { model: 'm', input: ['a', 'b'], encoding_format: 'base64' },
      context,
    );
    const decoded = decodeFloat32Base64(response.data[0]?.embedding as string);

    expect(decoded).toHaveLength(5);
    expect(decoded[0]).toBeCloseTo(-0.022374554, 6);
  });

  it('refuses an answer without embeddings', () => {
    expect(() => convertGeminiEmbeddings({ embeddings: [{}] }, { model: 'm', input: 'a' }, context)).toThrow(
      BadGatewayError,
    );
  });
});
