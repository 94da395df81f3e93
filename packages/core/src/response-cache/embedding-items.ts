import type { EmbeddingRequest, EmbeddingResponse } from '../schemas/embedding.js';

/** One input of an embeddings request: a text or a token array. */
export type EmbeddingItem = string | number[];

/** What the cache keeps per input: the vector (floats or base64) and its share of the prompt tokens. */
export interface CachedEmbedding {
  embedding: number[] | string;
  prompt_tokens?: number;
}

/** The inputs of a request, one per embedding it asks for; `single` when `input` is not a list of them. */
export function embeddingItems(input: EmbeddingRequest['input']): {
  items: EmbeddingItem[];
  single: boolean;
} {
  if (typeof input === 'string') return { items: [input], single: true };
  if (input.every((item): item is number => typeof item === 'number'))
    return { items: [input], single: true };
  return { items: input as EmbeddingItem[], single: false };
}

/** The `input` of a request asking for `items` only. */
export function inputOf(items: ReadonlyArray<EmbeddingItem>): EmbeddingRequest['input'] {
  if (items.length === 1 && typeof items[0] === 'string') return items[0];
  return items.every((item) => typeof item === 'string') ? (items as string[]) : (items as number[][]);
}

/**
 * Splits a batch's prompt tokens over its items, evenly, the remainder going to the first ones (as
 * litellm does), so the shares add up to the batch's count; a single item keeps the exact count.
 */
export function splitTokens(total: number | undefined, count: number): Array<number | undefined> {
  if (total === undefined) return Array.from({ length: count }, () => undefined);
  const share = Math.floor(total / count);
  const remainder = total - share * count;
  return Array.from({ length: count }, (_, index) => share + (index < remainder ? 1 : 0));
}

/** The cache entries of a response's embeddings, in input order. Undefined when they do not match. */
export function cachedEmbeddingsOf(
  response: EmbeddingResponse,
  count: number,
): CachedEmbedding[] | undefined {
  if (response.data.length !== count) return undefined;
  const byIndex = [...response.data].sort((a, b) => a.index - b.index);
  if (byIndex.some((item, position) => item.index !== position)) return undefined;
  const tokens = splitTokens(response.usage?.prompt_tokens, count);
  return byIndex.map((item, position) => {
    const cached: CachedEmbedding = { embedding: item.embedding };
    const share = tokens[position];
    if (share !== undefined) cached.prompt_tokens = share;
    return cached;
  });
}

/** A response for every input, in order, built from per-input embeddings. */
export function embeddingResponseOf(
  embeddings: ReadonlyArray<CachedEmbedding>,
  model: string,
): EmbeddingResponse {
  const promptTokens = embeddings.reduce((sum, item) => sum + (item.prompt_tokens ?? 0), 0);
  return {
    object: 'list',
    data: embeddings.map((item, index) => ({ object: 'embedding', index, embedding: item.embedding })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

export function isCachedEmbedding(value: unknown): value is CachedEmbedding {
  if (typeof value !== 'object' || value === null) return false;
  const { embedding, prompt_tokens } = value as Record<string, unknown>;
  return (
    (typeof embedding === 'string' || Array.isArray(embedding)) &&
    (prompt_tokens === undefined || typeof prompt_tokens === 'number')
  );
}
