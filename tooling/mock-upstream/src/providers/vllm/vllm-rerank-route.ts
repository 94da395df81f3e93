import { deterministicId } from '../../core/deterministic-random.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { rankDocuments, rerankTokens } from '../../core/rank-documents.js';
import { readRerankRequest } from '../../core/read-rerank-request.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { vllmError } from './vllm-error.js';

async function answerRerank(context: RouteContext): Promise<void> {
  const parsed = readRerankRequest(context.request.body, { topField: 'top_n', objectDocuments: 'none' });
  if (!parsed.ok) {
    return sendErrorReply(context, vllmError(400, parsed.message));
  }
  const { request } = parsed;
  const texts = request.documents.map((document) => document.text);
  sendJson(context, 200, {
    id: deterministicId('rerank-', `vllm-rerank:${context.request.id}`, 32).toLowerCase(),
    model: context.rule?.respond?.model ?? request.model,
    usage: { total_tokens: rerankTokens(request.query, texts) },
    results: rankDocuments(request.query, texts, request.topN).map((result) => ({
      index: result.index,
      document: { text: texts[result.index] ?? '' },
      relevance_score: result.relevance_score,
    })),
  });
}

/**
 * vLLM's Jina/Cohere-compatible rerank API, served at `/rerank`, `/v1/rerank` and `/v2/rerank`:
 * documents are strings; every result carries its document; `usage.total_tokens`.
 */
export const vllmRerankRoutes: MockRoute[] = ['/rerank', '/v1/rerank', '/v2/rerank'].map((path) => ({
  method: 'POST',
  path,
  handle: answerRerank,
}));
