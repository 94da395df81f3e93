import { type EmbeddingRequest, type EmbeddingResponse, isRecord } from '@switchyard/core';

/** Where a service's embeddings API departs from OpenAI's, as data. */
export interface CompatibleEmbeddingQuirks {
  /** The name `dimensions` is sent under (Voyage AI: `output_dimension`). */
  embeddingDimensionsField?: string;
  /** The name `encoding_format` is sent under (Jina AI: `embedding_type`). */
  embeddingEncodingField?: string;
  /** `encoding_format: "float"` is left out: the default, and a value the service refuses (Voyage AI). */
  omitFloatEncoding?: boolean;
}

/** The embeddings body the service takes: OpenAI's, with `dimensions` and `encoding_format` renamed where it wants. */
export function prepareCompatibleEmbeddingBody(
  request: EmbeddingRequest,
  quirks: CompatibleEmbeddingQuirks,
): EmbeddingRequest {
  const { embeddingDimensionsField, embeddingEncodingField, omitFloatEncoding } = quirks;
  if (!embeddingDimensionsField && !embeddingEncodingField && !omitFloatEncoding) return request;
  const body: Record<string, unknown> = { ...request };
  if (embeddingDimensionsField && body.dimensions != null) {
    body[embeddingDimensionsField] = body.dimensions;
    delete body.dimensions;
  }
  if (omitFloatEncoding && body.encoding_format === 'float') delete body.encoding_format;
  if (embeddingEncodingField && body.encoding_format != null) {
    body[embeddingEncodingField] = body.encoding_format;
    delete body.encoding_format;
  }
  return body as EmbeddingRequest;
}

/**
 * Usage in OpenAI's terms: services that report only `total_tokens` (Voyage AI, Jina AI) get it as
 * `prompt_tokens` too, since embedding has no output tokens.
 */
export function normaliseCompatibleEmbeddingResponse(response: EmbeddingResponse): EmbeddingResponse {
  const usage: unknown = response.usage;
  if (!isRecord(usage) || typeof usage.prompt_tokens === 'number' || typeof usage.total_tokens !== 'number') {
    return response;
  }
  return {
    ...response,
    usage: { ...usage, prompt_tokens: usage.total_tokens, total_tokens: usage.total_tokens },
  };
}
