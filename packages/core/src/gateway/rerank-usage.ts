import type { RerankResponse } from '../schemas/rerank.js';
import type { Usage } from '../schemas/usage.js';

const count = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;

const field = (record: unknown, name: string): unknown =>
  typeof record === 'object' && record !== null ? (record as Record<string, unknown>)[name] : undefined;

/**
 * The tokens a rerank call used, as prompt tokens (reranking has no output), from Cohere's `meta`:
 * `tokens.input_tokens`, else `billed_units.input_tokens` or `billed_units.total_tokens`. Undefined
 * when the provider bills search units only (Cohere, Bedrock): an unknown count is not a zero.
 */
export function rerankUsage(response: RerankResponse): Usage | undefined {
  const meta = response.meta;
  const billed = field(meta, 'billed_units');
  const tokens =
    count(field(field(meta, 'tokens'), 'input_tokens')) ??
    count(field(billed, 'input_tokens')) ??
    count(field(billed, 'total_tokens'));
  return tokens === undefined
    ? undefined
    : { prompt_tokens: tokens, completion_tokens: 0, total_tokens: tokens };
}
