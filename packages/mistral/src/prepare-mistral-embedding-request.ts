import {
  BadRequestError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  encodeFloat32Base64,
  handleUnsupportedParams,
  isRecord,
} from '@switchyard/core';
import type { MistralRequestContext } from './prepare-mistral-request.js';

/**
 * The body for Mistral's embeddings endpoint: text input only (Mistral takes no token arrays),
 * OpenAI's `dimensions` as `output_dimension`; `encoding_format` and Mistral's own fields
 * (`output_dtype`, `metadata`) pass through. `user` has no equivalent (drop_params applies).
 */
export function prepareMistralEmbeddingBody(
  request: EmbeddingRequest,
  context: MistralRequestContext,
): Record<string, unknown> {
  const checked = handleUnsupportedParams(request, { ...context, unsupported: ['user'] });
  const { model: _model, input, dimensions, user: _user, ...rest } = checked;
  const texts =
    typeof input === 'string' ? input : input.every((item) => typeof item === 'string') ? input : undefined;
  if (texts === undefined) {
    throw new BadRequestError({
      message: `${context.provider} embeds text only: send input as a string or a list of strings, not token arrays.`,
      param: 'input',
      provider: context.provider,
      model: context.model,
    });
  }
  return {
    model: context.model,
    input: texts,
    ...rest,
    ...(dimensions !== undefined ? { output_dimension: dimensions } : {}),
  };
}

/**
 * Mistral's embeddings in canonical form. Mistral answers `encoding_format: "base64"` itself; a
 * deployment that returns floats anyway has them encoded here, so the caller gets what it asked for.
 */
export function convertMistralEmbeddings(
  body: Record<string, unknown>,
  request: EmbeddingRequest,
  model: string,
): EmbeddingResponse | undefined {
  if (!Array.isArray(body.data)) return undefined;
  const base64 = request.encoding_format === 'base64';
  const data = body.data.filter(isRecord).map((item, position) => {
    const vector = item.embedding;
    const embedding =
      base64 && Array.isArray(vector)
        ? encodeFloat32Base64(vector as number[])
        : Array.isArray(vector) || typeof vector === 'string'
          ? (vector as number[] | string)
          : [];
    return {
      object: 'embedding' as const,
      index: typeof item.index === 'number' ? item.index : position,
      embedding,
    };
  });
  const response: EmbeddingResponse = {
    object: 'list',
    data,
    model: typeof body.model === 'string' ? body.model : model,
  };
  const usage = isRecord(body.usage) ? body.usage : undefined;
  if (usage && typeof usage.prompt_tokens === 'number') {
    const total = typeof usage.total_tokens === 'number' ? usage.total_tokens : usage.prompt_tokens;
    response.usage = { prompt_tokens: usage.prompt_tokens, total_tokens: total };
  }
  return response;
}
