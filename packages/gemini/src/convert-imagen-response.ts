import {
  BadGatewayError,
  ContentPolicyViolationError,
  type ImageGenerationResponse,
  isRecord,
} from '@switchyard/core';

export interface ImagenResponseContext {
  provider: string;
  model: string;
  /** Unix seconds, for `created`. */
  created: number;
}

const outputFormats: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpeg' };

/**
 * Imagen's `predictions` as OpenAI's image response: each image's `bytesBase64Encoded` as
 * `b64_json`, Vertex's rewritten `prompt` as `revised_prompt`, the image type as `output_format`. Images the safety filters removed
 * come back without bytes (with `raiFilteredReason` when asked for); an answer with no image at all
 * is a content policy violation carrying the reason, since the prompt or every image was filtered.
 */
export function convertImagenResponse(
  body: Record<string, unknown>,
  context: ImagenResponseContext,
): ImageGenerationResponse {
  if (body.predictions !== undefined && !Array.isArray(body.predictions)) {
    throw new BadGatewayError({
      message: `${context.provider} sent an Imagen response whose predictions are not a list`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  const predictions = (body.predictions ?? []) as unknown[];
  const data: ImageGenerationResponse['data'] = [];
  const reasons: string[] = [];
  let mimeType: unknown;
  for (const prediction of predictions) {
    if (!isRecord(prediction)) continue;
    if (typeof prediction.bytesBase64Encoded === 'string' && prediction.bytesBase64Encoded !== '') {
      const image: ImageGenerationResponse['data'][number] = { b64_json: prediction.bytesBase64Encoded };
      if (typeof prediction.prompt === 'string') image.revised_prompt = prediction.prompt;
      mimeType ??= prediction.mimeType;
      data.push(image);
    } else if (typeof prediction.raiFilteredReason === 'string') {
      reasons.push(prediction.raiFilteredReason);
    }
  }
  if (data.length === 0) {
    const why = reasons.length > 0 ? `: ${reasons.join(' ')}` : '';
    throw new ContentPolicyViolationError({
      message: `${context.provider} (Imagen) returned no image: the prompt or every image was blocked by its safety filters${why}`,
      provider: context.provider,
      model: context.model,
      param: 'prompt',
    });
  }
  const response: ImageGenerationResponse = { created: context.created, data };
  const format = typeof mimeType === 'string' ? outputFormats[mimeType] : undefined;
  if (format) response.output_format = format;
  return response;
}
