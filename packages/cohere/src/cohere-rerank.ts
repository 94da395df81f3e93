import type { RerankRequest, RerankResponse } from '@switchyard/core';

/** The texts of the documents to rerank (plain strings or `{ text }` objects). */
export function rerankTexts(request: RerankRequest): string[] {
  return request.documents.map((document) => (typeof document === 'string' ? document : document.text));
}

/** Cohere's v2 rerank body: `{ model, query, documents, top_n?, max_tokens_per_doc? }`. */
export function prepareCohereRerankBody(request: RerankRequest, model: string): Record<string, unknown> {
  const body: Record<string, unknown> = { model, query: request.query, documents: rerankTexts(request) };
  if (request.top_n != null) body.top_n = request.top_n;
  if (request.max_tokens_per_doc != null) body.max_tokens_per_doc = request.max_tokens_per_doc;
  return body;
}

interface CohereRerankAnswer {
  id?: string;
  results?: Array<{ index: number; relevance_score: number }>;
  meta?: Record<string, unknown>;
}

/**
 * Cohere's answer in the canonical rerank shape; Cohere v2 no longer returns the documents, so
 * `return_documents: true` is honoured from the request.
 */
export function convertCohereRerankResponse(
  answer: CohereRerankAnswer,
  request: RerankRequest,
): RerankResponse | undefined {
  if (!Array.isArray(answer.results)) return undefined;
  const texts = rerankTexts(request);
  const response: RerankResponse = {
    id: answer.id ?? '',
    results: answer.results.map((result) => {
      const item: RerankResponse['results'][number] = {
        index: result.index,
        relevance_score: result.relevance_score,
      };
      const text = texts[result.index];
      if (request.return_documents === true && text !== undefined) item.document = { text };
      return item;
    }),
  };
  if (answer.meta) response.meta = answer.meta;
  return response;
}
