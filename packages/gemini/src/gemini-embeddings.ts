import {
  BadGatewayError,
  BadRequestError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  encodeFloat32Base64,
  isRecord,
} from '@switchyard/core';

export interface EmbeddingContext {
  provider: string;
  /** Upstream model id, without `models/`. */
  model: string;
}

interface EmbedContentRequest {
  model: string;
  content: { parts: Array<{ text: string }> };
  taskType?: string;
  outputDimensionality?: number;
}

function textsOf(input: EmbeddingRequest['input'], context: EmbeddingContext): string[] {
  if (typeof input === 'string') return [input];
  if (input.every((item): item is string => typeof item === 'string')) return input;
  throw new BadRequestError({
    message: `${context.provider} embeds text; token arrays are not supported`,
    param: 'input',
    provider: context.provider,
    model: context.model,
  });
}

/**
 * The `batchEmbedContents` body for an embedding request: one `EmbedContentRequest` per input,
 * `dimensions` as `outputDimensionality`, litellm's `task_type` as `taskType`.
 */
export function prepareGeminiEmbeddings(
  request: EmbeddingRequest,
  context: EmbeddingContext,
): { requests: EmbedContentRequest[] } {
  const taskType = typeof request.task_type === 'string' ? request.task_type : undefined;
  return {
    requests: textsOf(request.input, context).map((text) => ({
      model: `models/${context.model}`,
      content: { parts: [{ text }] },
      ...(taskType ? { taskType } : {}),
      ...(request.dimensions !== undefined ? { outputDimensionality: request.dimensions } : {}),
    })),
  };
}

function valuesOf(embedding: unknown): number[] | undefined {
  if (!isRecord(embedding) || !Array.isArray(embedding.values)) return undefined;
  return embedding.values.every((value): value is number => typeof value === 'number')
    ? embedding.values
    : undefined;
}

/**
 * A `batchEmbedContents` answer as OpenAI's embedding list, vectors base64-encoded (little-endian
 * float32) when the request asked for `encoding_format: "base64"`. Gemini reports no token usage
 * for embeddings, so none is given (an unknown count is not a zero).
 */
export function convertGeminiEmbeddings(
  body: Record<string, unknown>,
  request: EmbeddingRequest,
  context: EmbeddingContext,
): EmbeddingResponse {
  const vectors = Array.isArray(body.embeddings) ? body.embeddings.map(valuesOf) : [];
  if (vectors.length === 0 || vectors.some((vector) => vector === undefined)) {
    throw new BadGatewayError({
      message: `${context.provider} sent an embedding response without embeddings`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  const base64 = request.encoding_format === 'base64';
  return {
    object: 'list',
    data: (vectors as number[][]).map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? encodeFloat32Base64(vector) : vector,
    })),
    model: context.model,
  };
}
