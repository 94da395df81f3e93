import { BadRequestError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { bedrockModelArn, convertBedrockRerankResponse, prepareBedrockRerankBody } from './bedrock-rerank.js';

const context = { provider: 'bedrock', model: 'amazon.rerank-v1:0', region: 'us-west-2', dropParams: false };
const request = {
  model: 'reranker',
  query: 'What is the capital of France?',
  documents: ['Berlin is the capital of Germany.', 'Paris is the capital of France.'],
};

describe('prepareBedrockRerankBody', () => {
  it('writes the documented Rerank body, numberOfResults defaulting to every document', () => {
    expect(prepareBedrockRerankBody(request, context)).toEqual(loadJsonFixture('rerank.request.json'));
  });

  it('sends object documents as JSON sources, top_n as numberOfResults, other fields to the model', () => {
    const body = prepareBedrockRerankBody(
      { ...request, documents: [{ text: 'Paris', country: 'France' }, 'Berlin'], top_n: 1, truncate: 'END' },
      { ...context, model: 'cohere.rerank-v3-5:0' },
    );
    expect(body.sources[0]).toEqual({
      type: 'INLINE',
      inlineDocumentSource: { type: 'JSON', jsonDocument: { text: 'Paris', country: 'France' } },
    });
    expect(body.rerankingConfiguration.bedrockRerankingConfiguration).toEqual({
      numberOfResults: 1,
      modelConfiguration: {
        modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/cohere.rerank-v3-5:0',
        additionalModelRequestFields: { truncate: 'END' },
      },
    });
  });

  it('refuses max_tokens_per_doc naming it, or drops it with drop_params', () => {
    const asked = { ...request, max_tokens_per_doc: 256 };
    expect(() => prepareBedrockRerankBody(asked, context)).toThrow(BadRequestError);
    const dropped = prepareBedrockRerankBody(asked, { ...context, dropParams: true });
    expect(
      dropped.rerankingConfiguration.bedrockRerankingConfiguration.modelConfiguration,
    ).not.toHaveProperty('additionalModelRequestFields');
  });
});

describe('bedrockModelArn', () => {
  it('builds the foundation-model ARN in the region’s partition, and keeps a given ARN', () => {
    expect(bedrockModelArn('amazon.rerank-v1:0', 'ca-central-1', 'bedrock')).toBe(
      'arn:aws:bedrock:ca-central-1::foundation-model/amazon.rerank-v1:0',
    );
    expect(bedrockModelArn('m', 'us-gov-west-1', 'bedrock')).toBe(
      'arn:aws-us-gov:bedrock:us-gov-west-1::foundation-model/m',
    );
    expect(bedrockModelArn('m', 'cn-north-1', 'bedrock')).toBe(
      'arn:aws-cn:bedrock:cn-north-1::foundation-model/m',
    );
    const arn = 'arn:aws:bedrock:eu-central-1::foundation-model/amazon.rerank-v1:0';
    expect(bedrockModelArn(arn, undefined, 'bedrock')).toBe(arn);
  });

  it('refuses a model id without a region, saying where to set it', () => {
    expect(() => bedrockModelArn('amazon.rerank-v1:0', undefined, 'bedrock')).toThrow(/aws_region_name/);
  });
});

describe('convertBedrockRerankResponse', () => {
  it('reads results in Cohere’s shape with the search units Bedrock bills', () => {
    const converted = convertBedrockRerankResponse(
      loadJsonFixture('rerank.response.json'),
      request,
      'rerank-1',
    );
    expect(converted).toEqual({
      id: 'rerank-1',
      results: [
        { index: 1, relevance_score: 0.6847912669181824 },
        { index: 0, relevance_score: 0.5980774760246277 },
      ],
      meta: { billed_units: { search_units: 1 } },
    });
  });

  it('returns documents when asked and bills one search unit per 100 documents', () => {
    const many = {
      ...request,
      documents: Array.from({ length: 250 }, (_, index) => `doc ${index}`),
      return_documents: true,
    };
    const converted = convertBedrockRerankResponse(
      { results: [{ index: 7, relevanceScore: 0.5 }] },
      many,
      'r',
    );
    expect(converted?.results).toEqual([{ index: 7, relevance_score: 0.5, document: { text: 'doc 7' } }]);
    expect(converted?.meta).toEqual({ billed_units: { search_units: 3 } });
  });

  it('answers undefined without results or with malformed ones', () => {
    expect(convertBedrockRerankResponse({}, request, 'r')).toBeUndefined();
    expect(convertBedrockRerankResponse({ results: [{ index: 0 }] }, request, 'r')).toBeUndefined();
  });
});
