import { countWords } from './count-words.js';

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

export interface RankedDocument {
  index: number;
  relevance_score: number;
}

/**
 * The documents ranked by word overlap with the query (ties keep their order), cut to `topN`: the
 * deterministic stand-in for a reranking model, shared by every provider's rerank route.
 */
export function rankDocuments(query: string, documents: readonly string[], topN?: number): RankedDocument[] {
  const terms = words(query);
  const ranked = documents
    .map((text, index) => ({ index, relevance_score: relevance(terms, text) }))
    .sort((a, b) => b.relevance_score - a.relevance_score || a.index - b.index);
  return topN !== undefined && topN > 0 ? ranked.slice(0, topN) : ranked;
}

/** Mock token count of a rerank call: the query once per document plus every document. */
export function rerankTokens(query: string, documents: readonly string[]): number {
  const queryTokens = countWords(query);
  return documents.reduce((sum, text) => sum + queryTokens + countWords(text), 0);
}
