import {
  BadRequestError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  encodeFloat32Base64,
} from '@switchyard/core';
import { seededRandom } from './mock-hash.js';
import { estimateTokens } from './mock-usage.js';

export const defaultEmbeddingDimensions = 256;
/** Larger `dimensions` are refused, so a typo cannot allocate gigabytes. */
export const maxEmbeddingDimensions = 16_384;

/** One input: a text or a list of token ids. */
export type EmbeddingInput = string | number[];

/** The inputs of a request, one per embedding. */
export function embeddingInputs(input: EmbeddingRequest['input']): EmbeddingInput[] {
  if (typeof input === 'string') return [input];
  const items: unknown[] = input;
  if (items.every((item) => typeof item === 'number')) return [items];
  return items.map((item) => (typeof item === 'string' ? item : Array.isArray(item) ? item.map(Number) : ''));
}

/**
 * A deterministic unit vector for an input, from a hash of the input. Shorter `dimensions` give the
 * leading components renormalised (as OpenAI's shortened embeddings). Components are float32 values,
 * so the `float` and `base64` encodings carry the same numbers.
 */
export function embeddingVector(input: EmbeddingInput, dimensions = defaultEmbeddingDimensions): number[] {
  const random = seededRandom(typeof input === 'string' ? `text:${input}` : `tokens:${input.join(',')}`);
  const raw = Array.from({ length: dimensions }, () => random() * 2 - 1);
  const norm = Math.sqrt(raw.reduce((sum, value) => sum + value * value, 0));
  if (norm === 0) return raw.map((_, index) => (index === 0 ? 1 : 0));
  return raw.map((value) => Math.fround(value / norm));
}

/** Estimated tokens of one input: the text estimate, or the number of token ids. */
export function inputTokens(input: EmbeddingInput): number {
  return typeof input === 'string' ? estimateTokens(input) : input.length;
}

/** The mock's embeddings response: one vector per input, usage from the token estimate. */
export function mockEmbeddings(request: EmbeddingRequest, model: string): EmbeddingResponse {
  const dimensions = request.dimensions ?? defaultEmbeddingDimensions;
  if (dimensions > maxEmbeddingDimensions) {
    throw new BadRequestError({
      message: `dimensions must be at most ${maxEmbeddingDimensions} for mock embeddings (got ${dimensions}).`,
      param: 'dimensions',
      provider: 'mock',
      model,
    });
  }
  const inputs = embeddingInputs(request.input);
  const promptTokens = inputs.reduce((sum, input) => sum + inputTokens(input), 0);
  return {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = embeddingVector(input, dimensions);
      const embedding = request.encoding_format === 'base64' ? encodeFloat32Base64(vector) : vector;
      return { object: 'embedding', index, embedding };
    }),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}
