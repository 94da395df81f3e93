import { describe, expect, it } from 'vitest';
import { convertCohereRerankResponse, prepareCohereRerankBody } from './cohere-rerank.js';

const request = {
  model: 'rerank-v3.5',
  query: 'capital of France',
  documents: ['Paris', { text: 'Berlin' }],
  top_n: 2,
};

describe('Cohere rerank translation', () => {
  it('sends texts, top_n and the upstream model', () => {
    expect(prepareCohereRerankBody(request, 'rerank-v3.5')).toEqual({
      model: 'rerank-v3.5',
      query: 'capital of France',
      documents: ['Paris', 'Berlin'],
      top_n: 2,
    });
  });
  it('returns the documents only when asked', () => {
    const answer = {
      id: 'r1',
      results: [
        { index: 1, relevance_score: 0.2 },
        { index: 0, relevance_score: 0.9 },
      ],
    };
    expect(convertCohereRerankResponse(answer, request)?.results[0]).toEqual({
      index: 1,
      relevance_score: 0.2,
    });
    const withDocs = convertCohereRerankResponse(answer, { ...request, return_documents: true });
    expect(withDocs?.results.map((result) => result.document?.text)).toEqual(['Berlin', 'Paris']);
    expect(convertCohereRerankResponse({}, request)).toBeUndefined();
  });
});
