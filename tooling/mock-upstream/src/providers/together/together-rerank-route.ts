import { deterministicUuid } from '../../core/deterministic-uuid.js';
import type { MockRoute } from '../../core/provider.js';
import { rankDocuments, rerankTokens } from '../../core/rank-documents.js';
import { readRerankRequest } from '../../core/read-rerank-request.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { openAIError } from '../openai/openai-error.js';

/**
 * `POST /v1/rerank` (Together AI): documents as strings or JSON objects (ranked by `rank_fields`,
 * default all fields); `results[{index, relevance_score, document?}]` with OpenAI-style `usage`. A
 * returned object document is its JSON text, as Together sends it.
 */
export const togetherRerankRoute: MockRoute = {
  method: 'POST',
  path: '/rerank',
  async handle(context) {
    const parsed = readRerankRequest(context.request.body, { topField: 'top_n', objectDocuments: 'json' });
    if (!parsed.ok) {
      return sendErrorReply(context, openAIError(400, parsed.message, { param: parsed.param }));
    }
    const { request } = parsed;
    const texts = request.documents.map((document) => document.text);
    const ranked = rankDocuments(request.query, texts, request.topN);
    const tokens = rerankTokens(request.query, texts);
    sendJson(context, 200, {
      object: 'rerank',
      id: deterministicUuid(`together-rerank:${context.request.id}`),
      model: context.rule?.respond?.model ?? request.model,
      results: ranked.map((result) => {
        const original = request.documents[result.index]?.original;
        if (request.returnDocuments !== true) return result;
        const text = typeof original === 'string' ? original : JSON.stringify(original);
        return { ...result, document: { text } };
      }),
      usage: { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens },
    });
  },
};
