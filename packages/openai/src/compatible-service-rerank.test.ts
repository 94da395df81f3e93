import { BadRequestError, type RerankRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  type CompatibleRerank,
  convertCompatibleRerankResponse,
  prepareCompatibleRerankBody,
  rerankMetaFromUsage,
} from './compatible-service-rerank.js';

const cohere: CompatibleRerank = { path: '/rerank', dialect: 'cohere' };
const voyage: CompatibleRerank = { path: '/rerank', dialect: 'voyage' };
const context = { provider: 'svc', model: 'rr-1', dropParams: false };
const request: RerankRequest = {
  model: 'reranker',
  query: 'capital of France',
  documents: ['Berlin', { text: 'Paris', title: 'France' }, 'Lyon'],
  top_n: 2,
};
const fixedId = () => 'generated-id';

describe('prepareCompatibleRerankBody', () => {
  it('sends the upstream model, texts, top_n and return_documents false by default', () => {
    expect(prepareCompatibleRerankBody(request, cohere, context)).toEqual({
      model: 'rr-1',
      query: 'capital of France',
      documents: ['Berlin', 'Paris', 'Lyon'],
      top_n: 2,
      return_documents: false,
    });
  });

  it('keeps object documents for services that take them, and other fields as sent', () => {
    const body = prepareCompatibleRerankBody(
      { ...request, return_documents: true, rank_fields: ['text'], instruction: null },
      { ...cohere, objectDocuments: true },
      context,
    );
    expect(body).toEqual({
      model: 'rr-1',
      query: 'capital of France',
      documents: ['Berlin', { text: 'Paris', title: 'France' }, 'Lyon'],
      top_n: 2,
      return_documents: true,
      rank_fields: ['text'],
    });
  });

  it('spells top_n as top_k for Voyage', () => {
    const body = prepareCompatibleRerankBody(request, voyage, context);
    expect(body).toMatchObject({ top_k: 2, documents: ['Berlin', 'Paris', 'Lyon'] });
    expect(body).not.toHaveProperty('top_n');
  });

  it('refuses an unsupported field naming it, or drops it with drop_params', () => {
    const limited = { ...cohere, unsupportedParams: ['max_tokens_per_doc'] };
    const asked = { ...request, max_tokens_per_doc: 512 };
    const refusal = (() => {
      try {
        prepareCompatibleRerankBody(asked, limited, context);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(refusal).toBeInstanceOf(BadRequestError);
    expect((refusal as BadRequestError).param).toBe('max_tokens_per_doc');
    expect((refusal as BadRequestError).message).toContain(
      'svc does not support the parameter "max_tokens_per_doc"',
    );
    const dropped = prepareCompatibleRerankBody(asked, limited, { ...context, dropParams: true });
    expect(dropped).not.toHaveProperty('max_tokens_per_doc');
  });
});

describe('convertCompatibleRerankResponse', () => {
  it('reads Together AI’s answer: ids kept, usage as billed and input tokens', () => {
    const answer = loadJsonFixture('rerank-together.response.json');
    const converted = convertCompatibleRerankResponse(
      answer,
      { ...request, documents: ['a', 'b', 'c'] },
      'cohere',
      fixedId,
    );
    expect(converted).toEqual({
      id: '9dfa1a09-5ebc-4a40-970f-586cb8f4ae47',
      results: [
        { index: 0, relevance_score: 0.29980177813003117 },
        { index: 2, relevance_score: 0.2752447527354349 },
      ],
      meta: { billed_units: { total_tokens: 1837 }, tokens: { input_tokens: 1837, output_tokens: 0 } },
    });
  });

  it('returns the request’s documents when asked, whatever the service echoed (Jina)', () => {
    const answer = loadJsonFixture('rerank-jina.response.json');
    const asked: RerankRequest = {
      model: 'm',
      query: 'cotton',
      documents: [
        'Cotton summer dress',
        'Leather boots',
        { text: 'Organic cotton shirt, soft to the touch', sku: 'S-1' },
      ],
      return_documents: true,
    };
    const converted = convertCompatibleRerankResponse(answer, asked, 'cohere', fixedId);
    expect(converted?.id).toBe('generated-id');
    expect(converted?.results).toEqual([
      {
        index: 2,
        relevance_score: 0.8312,
        document: { text: 'Organic cotton shirt, soft to the touch', sku: 'S-1' },
      },
      { index: 0, relevance_score: 0.2046, document: { text: 'Cotton summer dress' } },
    ]);
    expect(converted?.meta).toEqual({
      billed_units: { total_tokens: 815 },
      tokens: { input_tokens: 815, output_tokens: 0 },
    });
    const withoutDocuments = convertCompatibleRerankResponse(
      answer,
      { ...asked, return_documents: false },
      'cohere',
      fixedId,
    );
    expect(withoutDocuments?.results[0]).toEqual({ index: 2, relevance_score: 0.8312 });
  });

  it('reads Voyage AI’s data list and vLLM’s results', () => {
    const voyageAnswer = convertCompatibleRerankResponse(
      loadJsonFixture('rerank-voyage.response.json'),
      request,
      'voyage',
      fixedId,
    );
    expect(voyageAnswer?.results.map((result) => result.index)).toEqual([0, 1]);
    expect(voyageAnswer?.meta).toMatchObject({ billed_units: { total_tokens: 26 } });
    const vllm = convertCompatibleRerankResponse(
      loadJsonFixture('rerank-vllm.response.json'),
      request,
      'cohere',
      fixedId,
    );
    expect(vllm?.id).toBe('rerank-fae51b2b664d4ed38f5969b612edff77');
    expect(vllm?.results[0]).toEqual({ index: 1, relevance_score: 0.99853515625 });
  });

  it('answers undefined for an answer without its list or with malformed results', () => {
    expect(convertCompatibleRerankResponse({ results: [] }, request, 'voyage', fixedId)).toBeUndefined();
    expect(
      convertCompatibleRerankResponse({ results: [{ index: 'x' }] }, request, 'cohere', fixedId),
    ).toBeUndefined();
  });

  it('keeps a Cohere-style meta when the service sends one', () => {
    const meta = { billed_units: { search_units: 1 } };
    const converted = convertCompatibleRerankResponse({ results: [], meta }, request, 'cohere', fixedId);
    expect(converted?.meta).toEqual(meta);
  });
});

describe('rerankMetaFromUsage', () => {
  it('prefers total_tokens, falls back to prompt_tokens, and is undefined without either', () => {
    expect(rerankMetaFromUsage({ prompt_tokens: 7 })).toEqual({
      billed_units: { total_tokens: 7 },
      tokens: { input_tokens: 7, output_tokens: 0 },
    });
    expect(rerankMetaFromUsage({})).toBeUndefined();
    expect(rerankMetaFromUsage(null)).toBeUndefined();
  });
});
