import {
  BadRequestError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  encodeFloat32Base64,
} from '@switchyard/core';
import type { CohereEmbedBody, CohereEmbedResponse } from './cohere-api-types.js';

export interface CohereEmbedContext {
  provider: string;
  /** The upstream model id. */
  model: string;
  /** The deployment's params (litellm_params): `input_type`, `truncate`. */
  params?: Readonly<Record<string, unknown>> | undefined;
}

/** What litellm sends when nothing says otherwise: texts embedded for storage and search. */
export const defaultCohereInputType = 'search_document';

function texts(request: EmbeddingRequest, context: CohereEmbedContext): string[] {
  const input = request.input;
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new BadRequestError({
    message: `${context.provider} embeds text only, not token arrays (model ${context.model}). Send the input as strings.`,
    param: 'input',
    code: 'unsupported_input',
    provider: context.provider,
    model: context.model,
  });
}

function stringField(...values: unknown[]): string | undefined {
  for (const value of values) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/**
 * The body of Cohere's `POST /v2/embed`: the input as `texts`, `input_type` from the request or the
 * deployment (default `search_document`), float vectors, and `dimensions` as `output_dimension`.
 */
export function prepareCohereEmbedBody(
  request: EmbeddingRequest,
  context: CohereEmbedContext,
): CohereEmbedBody {
  const body: CohereEmbedBody = {
    model: context.model,
    texts: texts(request, context),
    input_type: stringField(request.input_type, context.params?.input_type) ?? defaultCohereInputType,
    embedding_types: ['float'],
  };
  if (typeof request.dimensions === 'number') body.output_dimension = request.dimensions;
  const truncate = stringField(request.truncate, context.params?.truncate);
  if (truncate) body.truncate = truncate;
  return body;
}

/**
 * Cohere's `embeddings_by_type` answer as an OpenAI embedding list, vectors in input order;
 * `encoding_format: "base64"` is answered by encoding the floats as OpenAI does. Usage is the
 * billed input tokens.
 */
export function convertCohereEmbedResponse(
  response: CohereEmbedResponse,
  request: EmbeddingRequest,
  model: string,
): EmbeddingResponse | undefined {
  const vectors = response.embeddings?.float;
  if (!Array.isArray(vectors)) return undefined;
  const base64 = request.encoding_format === 'base64';
  const tokens = response.meta?.billed_units?.input_tokens ?? response.meta?.tokens?.input_tokens;
  const result: EmbeddingResponse = {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? encodeFloat32Base64(vector) : vector,
    })),
    model,
  };
  if (typeof tokens === 'number') result.usage = { prompt_tokens: tokens, total_tokens: tokens };
  return result;
}
