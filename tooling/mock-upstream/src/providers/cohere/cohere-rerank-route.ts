import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { cohereError } from './cohere-error.js';
import { deterministicUuid } from './deterministic-uuid.js';

const wordPattern = /[a-z0-9]+/g;

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(wordPattern) ?? []);
}

/** Share of the query's words found in the document: deterministic, and higher for better matches. */
function relevance(query: Set<string>, document: string): number {
  if (query.size === 0) return 0;
  const found = words(document);
  let shared = 0;
  for (const word of query) if (found.has(word)) shared += 1;
  return Math.round((shared / query.size) * 1e6) / 1e6;
}

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
    const query = words(body.query);
    const ranked = (documents as string[])
      .map((text, index) => ({ index, relevance_score: relevance(query, text) }))
      .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
    const topN = typeof body.top_n === 'number' && body.top_n > 0 ? body.top_n : ranked.length;
    sendJson(context, 200, {
      id: deterministicUuid(`rerank:${context.request.id}`),
      results: ranked.slice(0, topN),
      meta: { api_version: { version: '2' }, billed_units: { search_units: 1 } },
    });
  },
};
