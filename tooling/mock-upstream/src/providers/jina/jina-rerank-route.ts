import { fastApiValidationError } from '../../core/fastapi-error.js';
import type { MockRoute } from '../../core/provider.js';
import { rankDocuments, rerankTokens } from '../../core/rank-documents.js';
import { readRerankRequest } from '../../core/read-rerank-request.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';

/**
 * `POST /v1/rerank` (Jina AI): documents as strings or text documents (`{text}`); the documents
 * come back with the results unless `return_documents` is false; `usage.total_tokens`.
 */
export const jinaRerankRoute: MockRoute = {
  method: 'POST',
  path: '/rerank',
  async handle(context) {
    const parsed = readRerankRequest(context.request.body, { topField: 'top_n', objectDocuments: 'text' });
    if (!parsed.ok) {
      return sendErrorReply(context, fastApiValidationError(parsed.param, parsed.message));
    }
    const { request } = parsed;
    const texts = request.documents.map((document) => document.text);
    const ranked = rankDocuments(request.query, texts, request.topN);
    sendJson(context, 200, {
      model: context.rule?.respond?.model ?? request.model,
      usage: { total_tokens: rerankTokens(request.query, texts) },
      results: ranked.map((result) =>
        request.returnDocuments === false
          ? result
          : { ...result, document: { text: texts[result.index] ?? '' } },
      ),
    });
  },
};
