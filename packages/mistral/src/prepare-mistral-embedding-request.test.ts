import { BadRequestError, decodeFloat32Base64 } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  convertMistralEmbeddings,
  prepareMistralEmbeddingBody,
} from './prepare-mistral-embedding-request.js';

const context = { provider: 'mistral', model: 'mistral-embed', dropParams: false };

describe('prepareMistralEmbeddingBody', () => {
  it('sends text input, dimensions as output_dimension, encoding_format and Mistral’s own fields', () => {
    expect(
      prepareMistralEmbeddingBody(
        {
          model: 'mistral/mistral-embed',
          input: ['a', 'b'],
          dimensions: 256,
          encoding_format: 'base64',
          output_dtype: 'float',
        },
        context,
      ),
    ).toEqual({
      model: 'mistral-embed',
      input: ['a', 'b'],
      encoding_format: 'base64',
      output_dtype: 'float',
      output_dimension: 256,
    });
  });

  it('refuses token arrays, and user unless drop_params', () => {
    expect(() => prepareMistralEmbeddingBody({ model: 'm', input: [1, 2, 3] }, context)).toThrow(
      BadRequestError,
    );
    expect(() => prepareMistralEmbeddingBody({ model: 'm', input: 'a', user: 'u' }, context)).toThrow(
      /"user"/,
    );
    expect(
      prepareMistralEmbeddingBody({ model: 'm', input: 'a', user: 'u' }, { ...context, dropParams: true }),
    ).toEqual({
      model: 'mistral-embed',
      input: 'a',
    });
  });
});

describe('convertMistralEmbeddings', () => {
  const body = loadJsonFixture('embeddings.response.json');

  it('converts the list and its usage', () => {
    const converted = convertMistralEmbeddings(body, { model: 'm', input: ['a', 'b'] }, 'mistral-embed');

    expect(converted?.data.map((item) => item.index)).toEqual([0, 1]);
    expect(converted?.usage).toEqual({ prompt_tokens: 15, total_tokens: 15 });
    expect(converted?.model).toBe('mistral-embed');
  });

  it('encodes floats as base64 when base64 was asked for and the upstream sent floats', () => {
    const converted = convertMistralEmbeddings(
      body,
      { model: 'm', input: 'a', encoding_format: 'base64' },
      'mistral-embed',
    );
    const first = converted?.data[0]?.embedding;

    expect(typeof first).toBe('string');
    expect(decodeFloat32Base64(first as string)[1]).toBeCloseTo(0.0701904296875, 6);
  });
});
