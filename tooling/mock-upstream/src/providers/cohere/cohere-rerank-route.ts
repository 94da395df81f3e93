import { deterministicUuid } from '../../core/deterministic-uuid.js';
import type { MockRoute } from '../../core/provider.js';
import { rankDocuments } from '../../core/rank-documents.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { cohereError } from './cohere-error.js';

/** `POST /v2/rerank`: documents sorted by word overlap with the query, cut to `top_n`. */
export const cohereRerankRoute: MockRoute = {
  method: 'POST',
  path: '/rerank',
  async handle(context) {
    const body = context.request.body as
      | { query?: unknown; documents?: unknown; top_n?: unknown }
      | undefined;
    const documents = Array.isArray(body?.documents) ? body.documents : undefined;
    if (typeof body?.query !== 'string' || !documents?.every((item) => typeof item === 'string')) {
      return sendErrorReply(
        context,
        cohereError(400, 'invalid request: query and documents (strings) are required.'),
      );
    }
    const topN = typeof body.top_n === 'number' ? body.top_n : undefined;
    sendJson(context, 200, {
      id: deterministicUuid(`rerank:${context.request.id}`),
      results: rankDocuments(body.query, documents as string[], topN),
      meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
    });
  },
};
