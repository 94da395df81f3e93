import {
  BadRequestError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  encodeFloat32Base64,
  handleUnsupportedParams,
  isRecord,
} from '@switchyard/core';

export type BedrockEmbeddingKind = 'titan' | 'cohere';

export interface EmbeddingContext {
  provider: string;
  model: string;
  dropParams: boolean;
  /** Cohere's input_type when the request has none (deployment param `input_type`). */
  inputType?: string;
}

/** One InvokeModel call's body and what it embeds. */
export interface EmbeddingCall {
  body: Record<string, unknown>;
  count: number;
}

const COHERE_BATCH = 96;

export function bedrockEmbeddingKind(model: string): BedrockEmbeddingKind | undefined {
  if (model.includes('titan-embed')) return 'titan';
  if (model.includes('cohere.embed')) return 'cohere';
  return undefined;
}

function textInputs(request: EmbeddingRequest, context: EmbeddingContext): string[] {
  const inputs = typeof request.input === 'string' ? [request.input] : request.input;
  if (!inputs.every((input): input is string => typeof input === 'string')) {
    throw new BadRequestError({
      message: `${context.provider} embeddings take text input, not token arrays`,
      param: 'input',
      provider: context.provider,
      model: context.model,
    });
  }
  return inputs;
}

/**
 * The InvokeModel bodies for an embedding request: Titan embeds one `inputText` per call (V2 also
 * takes `dimensions` and `normalize`), Cohere up to 96 `texts` per call with an `input_type`
 * (search_document unless the request or deployment says otherwise; `output_dimension` for v4).
 */
export function prepareBedrockEmbeddingCalls(
  original: EmbeddingRequest,
  kind: BedrockEmbeddingKind,
  context: EmbeddingContext,
): { calls: EmbeddingCall[]; request: EmbeddingRequest } {
  const v2 = context.model.includes('titan-embed-text-v2');
  const v4 = context.model.includes('embed-v4');
  const takesDimensions = kind === 'titan' ? v2 : v4;
  const request = handleUnsupportedParams(original, {
    provider: context.provider,
    model: context.model,
    unsupported: takesDimensions ? [] : ['dimensions'],
    dropParams: context.dropParams,
  });
  const inputs = textInputs(request, context);
  if (kind === 'titan') {
    const extra = v2
      ? { ...(request.dimensions ? { dimensions: request.dimensions } : {}), normalize: true }
      : {};
    return { request, calls: inputs.map((inputText) => ({ body: { inputText, ...extra }, count: 1 })) };
  }
  const inputType =
    typeof request.input_type === 'string' ? request.input_type : (context.inputType ?? 'search_document');
  const calls: EmbeddingCall[] = [];
  for (let start = 0; start < inputs.length; start += COHERE_BATCH) {
    const texts = inputs.slice(start, start + COHERE_BATCH);
    const dimension = v4 && request.dimensions ? { output_dimension: request.dimensions } : {};
    calls.push({ body: { texts, input_type: inputType, ...dimension }, count: texts.length });
  }
  return { request, calls };
}

const isVector = (value: unknown): value is number[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'number');

/** The vectors of one InvokeModel answer: Titan's `embedding`, Cohere's `embeddings` (or `embeddings.float`). */
export function readBedrockEmbeddings(body: unknown, kind: BedrockEmbeddingKind): number[][] | undefined {
  if (!isRecord(body)) return undefined;
  if (kind === 'titan') return isVector(body.embedding) ? [body.embedding] : undefined;
  const embeddings = isRecord(body.embeddings) ? body.embeddings.float : body.embeddings;
  return Array.isArray(embeddings) && embeddings.every(isVector) ? embeddings : undefined;
}

/** Titan reports its token count in the body; every InvokeModel answer also has it in a header. */
export function embeddingTokens(body: unknown, headers: Record<string, string>): number | undefined {
  if (isRecord(body) && typeof body.inputTextTokenCount === 'number') return body.inputTextTokenCount;
  const header = Number(headers['x-amzn-bedrock-input-token-count']);
  return Number.isFinite(header) && headers['x-amzn-bedrock-input-token-count'] !== undefined
    ? header
    : undefined;
}

export function buildEmbeddingResponse(
  vectors: number[][],
  tokens: number | undefined,
  request: EmbeddingRequest,
  model: string,
): EmbeddingResponse {
  const base64 = request.encoding_format === 'base64';
  const response: EmbeddingResponse = {
    object: 'list',
    data: vectors.map((vector, index) => ({
      object: 'embedding',
      index,
      embedding: base64 ? encodeFloat32Base64(vector) : vector,
    })),
    model,
  };
  if (tokens !== undefined) response.usage = { prompt_tokens: tokens, total_tokens: tokens };
  return response;
}
