import { fastApiError } from '../../core/fastapi-error.js';
import type { MockRoute } from '../../core/provider.js';
import { rankDocuments, rerankTokens } from '../../core/rank-documents.js';
import { readRerankRequest } from '../../core/read-rerank-request.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';

/**
 * `POST /v1/rerank` (Voyage AI): documents are strings, the result count is `top_k`; the answer is
 * a `list` of `data[{index, relevance_score, document?}]` (the document a string, when
 * `return_documents` is true) with `usage.total_tokens`.
 */
export const voyageRerankRoute: MockRoute = {
  method: 'POST',
  path: '/rerank',
  async handle(context) {
    const parsed = readRerankRequest(context.request.body, { topField: 'top_k', objectDocuments: 'none' });
    if (!parsed.ok) {
      return sendErrorReply(context, fastApiError(400, `Invalid request: ${parsed.message}.`));
    }
    const { request } = parsed;
    const texts = request.documents.map((document) => document.text);
    const ranked = rankDocuments(request.query, texts, request.topN);
    sendJson(context, 200, {
      object: 'list',
      data: ranked.map((result) =>
        request.returnDocuments === true ? { ...result, document: texts[result.index] ?? '' } : result,
      ),
      model: context.rule?.respond?.model ?? request.model,
      usage: { total_tokens: rerankTokens(request.query, texts) },
    });
  },
};
