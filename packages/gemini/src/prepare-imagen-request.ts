import { BadRequestError, type ImageGenerationRequest } from '@switchyard/core';

export interface ImagenRequestContext {
  provider: string;
  model: string;
  dropParams: boolean;
}

/** Imagen's `predict` body: one instance with the prompt, and the generation parameters. */
export interface ImagenPredictBody {
  instances: [{ prompt: string }];
  parameters: Record<string, unknown>;
}

/** The most images one Imagen call generates. */
export const IMAGEN_MAX_SAMPLES = 4;
/** The aspect ratios Imagen generates. */
const aspectRatios = new Set(['1:1', '3:4', '4:3', '9:16', '16:9']);
const sizePattern = /^(\d+)x(\d+)$/;
const mimeTypes: Record<string, string> = { png: 'image/png', jpeg: 'image/jpeg' };
/** OpenAI's image fields read here; any other field is an Imagen parameter, forwarded as sent. */
const openAIFields = new Set([
  'model',
  'prompt',
  'n',
  'size',
  'quality',
  'response_format',
  'style',
  'user',
  'output_format',
  'output_compression',
  'background',
  'moderation',
]);

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

/** `1024x1024` → `1:1`: the size's exact ratio when it is one Imagen generates, else undefined. */
export function aspectRatioOfSize(size: string): string | undefined {
  const match = sizePattern.exec(size);
  const width = Number(match?.[1]);
  const height = Number(match?.[2]);
  if (!match || width === 0 || height === 0) return undefined;
  const divisor = gcd(width, height);
  const ratio = `${width / divisor}:${height / divisor}`;
  return aspectRatios.has(ratio) ? ratio : undefined;
}

/**
 * An OpenAI image request as Imagen's `predict` body: `n` as `sampleCount` (1 when absent, since
 * Imagen's default is 4), `size` as the `aspectRatio` of exactly that ratio, `output_format` png or
 * jpeg and `output_compression` as `outputOptions`; other fields (Imagen's own `personGeneration`,
 * `negativePrompt`, `sampleImageSize`, …) are forwarded into `parameters` as sent. What Imagen cannot
 * do (more than 4 images, another ratio, `quality`, `style`, URLs, …) is a 400 naming the field, or
 * with drop_params is left out (more than 4 images: 4).
 */
export function prepareImagenRequest(
  request: ImageGenerationRequest,
  context: ImagenRequestContext,
): ImagenPredictBody {
  const parameters: Record<string, unknown> = {};
  const unsupported = (param: string, reason: string) => {
    if (context.dropParams) return;
    throw new BadRequestError({
      message: `${context.provider} (Imagen) cannot honour ${param}: ${reason}. Change or remove it, or set drop_params: true to leave it out.`,
      param,
      code: 'unsupported_params',
      provider: context.provider,
      model: context.model,
    });
  };
  const n = request.n ?? 1;
  if (n > IMAGEN_MAX_SAMPLES)
    unsupported('n', `Imagen generates at most ${IMAGEN_MAX_SAMPLES} images per request`);
  parameters.sampleCount = Math.min(n, IMAGEN_MAX_SAMPLES);
  if (request.size != null && request.size !== 'auto') {
    const ratio = aspectRatioOfSize(request.size);
    if (ratio) parameters.aspectRatio = ratio;
    else
      unsupported(
        'size',
        `"${request.size}" is not one of Imagen's aspect ratios (1:1, 3:4, 4:3, 9:16, 16:9)`,
      );
  }
  if (request.response_format === 'url')
    unsupported('response_format', 'Imagen returns images as b64_json only');
  const outputOptions = outputOptionsOf(request, unsupported);
  if (outputOptions) parameters.outputOptions = outputOptions;
  for (const field of ['quality', 'style', 'background', 'moderation'] as const) {
    const value = request[field];
    if (value != null && value !== 'auto') unsupported(field, 'Imagen has no such setting');
  }
  if (request.user != null) unsupported('user', 'Imagen takes no end-user identifier');
  for (const [name, value] of Object.entries(request)) {
    if (!openAIFields.has(name) && value !== undefined && value !== null) parameters[name] = value;
  }
  return { instances: [{ prompt: request.prompt }], parameters };
}

function outputOptionsOf(
  request: ImageGenerationRequest,
  unsupported: (param: string, reason: string) => void,
): Record<string, unknown> | undefined {
  const options: Record<string, unknown> = {};
  const format = request.output_format;
  if (format != null) {
    const mimeType = typeof format === 'string' ? mimeTypes[format] : undefined;
    if (mimeType) options.mimeType = mimeType;
    else unsupported('output_format', `Imagen writes png or jpeg, not ${JSON.stringify(format)}`);
  }
  const compression = request.output_compression;
  if (typeof compression === 'number') options.compressionQuality = compression;
  return Object.keys(options).length > 0 ? options : undefined;
}
