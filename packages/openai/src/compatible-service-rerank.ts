import { handleUnsupportedParams, isRecord, type RerankRequest, type RerankResponse } from '@switchyard/core';

/**
 * A service's native rerank API, as data on a `CompatibleService`: where it is and which of the two
 * common wire formats it speaks. Requests and answers are in Cohere's shape on Switchyard's side.
 */
export interface CompatibleRerank {
  /** Path under the service's base URL (`/rerank`). */
  path: string;
  /**
   * `cohere`: Cohere's v1 shape (`top_n`, `return_documents`; `results[{index, relevance_score}]`
   * and `usage`), spoken by Together AI, Jina AI and vLLM. `voyage`: Voyage AI's (`top_k`,
   * `return_documents`; `data[{index, relevance_score}]` and `usage.total_tokens`).
   */
  dialect: 'cohere' | 'voyage';
  /**
   * JSON-object documents are sent as they are (Together's `rank_fields`, Jina's text documents);
   * otherwise each is sent as its `text`.
   */
  objectDocuments?: boolean;
  /** Canonical rerank fields the service does not take: a 400 naming them, or dropped with drop_params. */
  unsupportedParams?: readonly string[];
}

export interface RerankContext {
  provider: string;
  model: string;
  dropParams: boolean;
}

/**
 * The upstream rerank body: the upstream model id, the documents (objects reduced to their text
 * unless the service takes objects), `top_n` (Voyage: `top_k`), `return_documents` as a boolean
 * (the documents in the answer are taken from the request, so none are asked for unless wanted),
 * and every other field as sent (`rank_fields`, `truncation`, `instruction`, …).
 */
export function prepareCompatibleRerankBody(
  request: RerankRequest,
  rerank: CompatibleRerank,
  context: RerankContext,
): Record<string, unknown> {
  const checked = handleUnsupportedParams(request, {
    provider: context.provider,
    model: context.model,
    unsupported: rerank.unsupportedParams ?? [],
    dropParams: context.dropParams,
  });
  const {
    model: _model,
    query,
    documents,
    top_n: topN,
    return_documents: returnDocuments,
    ...rest
  } = checked;
  const body: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(rest))
    if (value !== null && value !== undefined) body[name] = value;
  body.model = context.model;
  body.query = query;
  body.documents = documents.map((document) =>
    typeof document === 'string' || rerank.objectDocuments === true ? document : document.text,
  );
  if (topN != null) body[rerank.dialect === 'voyage' ? 'top_k' : 'top_n'] = topN;
  body.return_documents = returnDocuments === true;
  return body;
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * Cohere's `meta` from an OpenAI-style `usage` (`total_tokens`, maybe `prompt_tokens`): the tokens
 * billed as `billed_units.total_tokens` and `tokens.input_tokens` (reranking has no output).
 */
export function rerankMetaFromUsage(usage: unknown): Record<string, unknown> | undefined {
  if (!isRecord(usage)) return undefined;
  const total = isNumber(usage.total_tokens)
    ? usage.total_tokens
    : isNumber(usage.prompt_tokens)
      ? usage.prompt_tokens
      : undefined;
  if (total === undefined) return undefined;
  const input = isNumber(usage.prompt_tokens) ? usage.prompt_tokens : total;
  return { billed_units: { total_tokens: total }, tokens: { input_tokens: input, output_tokens: 0 } };
}

/**
 * The service's answer in Cohere's shape, or undefined when it has no list of results. Documents
 * are returned when the request asked for them, taken from the request (a string as `{ text }`, an
 * object as sent), whatever the service echoed.
 */
export function convertCompatibleRerankResponse(
  answer: Record<string, unknown>,
  request: RerankRequest,
  dialect: CompatibleRerank['dialect'],
  fallbackId: () => string,
): RerankResponse | undefined {
  const list = dialect === 'voyage' ? answer.data : answer.results;
  if (!Array.isArray(list)) return undefined;
  const results: RerankResponse['results'] = [];
  for (const item of list) {
    if (!isRecord(item) || !isNumber(item.index) || !isNumber(item.relevance_score)) return undefined;
    const result: RerankResponse['results'][number] = {
      index: item.index,
      relevance_score: item.relevance_score,
    };
    const document = request.documents[item.index];
    if (request.return_documents === true && document !== undefined) {
      result.document = typeof document === 'string' ? { text: document } : document;
    }
    results.push(result);
  }
  const response: RerankResponse = {
    id: typeof answer.id === 'string' && answer.id !== '' ? answer.id : fallbackId(),
    results,
  };
  const meta = isRecord(answer.meta) ? answer.meta : rerankMetaFromUsage(answer.usage);
  if (meta) response.meta = meta;
  return response;
}
