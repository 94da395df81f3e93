import { describe, expect, it } from 'vitest';
import {
  normaliseCompatibleEmbeddingResponse,
  prepareCompatibleEmbeddingBody,
} from './compatible-service-embeddings.js';

const request = { model: 'e-1', input: ['one'], dimensions: 256, encoding_format: 'float' as const };

describe('prepareCompatibleEmbeddingBody', () => {
  it('leaves the request alone without quirks', () => {
    expect(prepareCompatibleEmbeddingBody(request, {})).toBe(request);
  });

  it('renames dimensions and leaves out the float format (Voyage AI)', () => {
    const body = prepareCompatibleEmbeddingBody(request, {
      embeddingDimensionsField: 'output_dimension',
      omitFloatEncoding: true,
    });
    expect(body).toEqual({ model: 'e-1', input: ['one'], output_dimension: 256 });
    const base64 = prepareCompatibleEmbeddingBody(
      { ...request, encoding_format: 'base64' },
      { omitFloatEncoding: true },
    );
    expect(base64).toMatchObject({ encoding_format: 'base64' });
  });

  it('sends encoding_format under the service’s name (Jina AI)', () => {
    const body = prepareCompatibleEmbeddingBody(
      { ...request, encoding_format: 'base64' },
      { embeddingEncodingField: 'embedding_type' },
    );
    expect(body).toEqual({ model: 'e-1', input: ['one'], dimensions: 256, embedding_type: 'base64' });
  });
});

describe('normaliseCompatibleEmbeddingResponse', () => {
  const base = { object: 'list' as const, data: [], model: 'e-1' };

  it('fills prompt_tokens from total_tokens when only the total is reported', () => {
    const response = { ...base, usage: { total_tokens: 12 } } as never;
    expect(normaliseCompatibleEmbeddingResponse(response).usage).toEqual({
      prompt_tokens: 12,
      total_tokens: 12,
    });
  });

  it('keeps complete usage and answers without usage unchanged', () => {
    const complete = { ...base, usage: { prompt_tokens: 3, total_tokens: 3 } };
    expect(normaliseCompatibleEmbeddingResponse(complete)).toBe(complete);
    expect(normaliseCompatibleEmbeddingResponse(base)).toBe(base);
  });
});
