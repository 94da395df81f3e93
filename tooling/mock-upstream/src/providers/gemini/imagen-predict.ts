import type { RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { isObject } from './check-gemini-fields.js';
import { googleError } from './google-error.js';

const aspectRatios = new Set(['1:1', '3:4', '4:3', '9:16', '16:9']);
const personGeneration = new Set(['dont_allow', 'allow_adult', 'allow_all']);
const imageSizes = new Set(['1K', '2K']);
/** Parameters only Vertex AI takes (the Gemini API refuses them). */
const vertexOnlyParameters = ['negativePrompt', 'seed', 'addWatermark', 'enhancePrompt', 'storageUri'];
const mimeTypes = new Set(['image/png', 'image/jpeg']);
/** A prompt with this word is blocked by the (mock) safety filter: no image comes back. */
const blockedWord = /\bforbidden\b/i;

const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const onePixelJpeg =
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=';

const invalid = (message: string) => googleError(400, message);

/**
 * `models/{imagen model}:predict` (Gemini API and Vertex AI): one instance with a `prompt`, Imagen's
 * `parameters` checked (sampleCount 1-4, aspectRatio, personGeneration, sampleImageSize,
 * outputOptions.mimeType; Vertex-only ones refused on the Gemini API), and
 * `predictions[{mimeType, bytesBase64Encoded}]`, one per sample. Vertex adds the rewritten `prompt` when `enhancePrompt` is true. A prompt containing
 * "forbidden" is filtered: no predictions (with `includeRaiReason`, one `raiFilteredReason`).
 */
export function answerImagenPredict(context: RouteContext, model: string, vertex: boolean): void {
  if (!model.startsWith('imagen')) {
    sendErrorReply(
      context,
      googleError(
        404,
        `models/${model} is not found for API version v1beta, or is not supported for predict.`,
      ),
    );
    return;
  }
  const body = context.request.body;
  const instance = isObject(body) && Array.isArray(body.instances) ? body.instances[0] : undefined;
  if (
    !isObject(body) ||
    !Array.isArray(body.instances) ||
    body.instances.length !== 1 ||
    !isObject(instance)
  ) {
    sendErrorReply(context, invalid('instances must hold exactly one instance.'));
    return;
  }
  if (typeof instance.prompt !== 'string' || instance.prompt.trim() === '') {
    sendErrorReply(context, invalid('Instance prompt is required.'));
    return;
  }
  const parameters = body.parameters === undefined ? {} : body.parameters;
  if (!isObject(parameters)) {
    sendErrorReply(context, invalid('parameters must be an object.'));
    return;
  }
  const problem = checkParameters(parameters, vertex);
  if (problem !== undefined) {
    sendErrorReply(context, invalid(problem));
    return;
  }
  const count = typeof parameters.sampleCount === 'number' ? parameters.sampleCount : 4;
  if (blockedWord.test(instance.prompt)) {
    const reason =
      'Your current safety filter threshold filtered out the generated image. You will not be charged for blocked images. Try rephrasing the prompt. Support codes: 56562880';
    sendJson(
      context,
      200,
      parameters.includeRaiReason === true ? { predictions: [{ raiFilteredReason: reason }] } : {},
    );
    return;
  }
  const options = isObject(parameters.outputOptions) ? parameters.outputOptions : {};
  const mimeType = options.mimeType === 'image/jpeg' ? 'image/jpeg' : 'image/png';
  const bytes = mimeType === 'image/jpeg' ? onePixelJpeg : onePixelPng;
  const enhanced =
    vertex && parameters.enhancePrompt === true
      ? { prompt: `${instance.prompt}, detailed, high quality` }
      : {};
  sendJson(context, 200, {
    predictions: Array.from({ length: count }, () => ({ mimeType, bytesBase64Encoded: bytes, ...enhanced })),
  });
}

function checkParameters(parameters: Record<string, unknown>, vertex: boolean): string | undefined {
  const { sampleCount, aspectRatio } = parameters;
  if (
    sampleCount !== undefined &&
    (typeof sampleCount !== 'number' || !Number.isInteger(sampleCount) || sampleCount < 1 || sampleCount > 4)
  ) {
    return `Number of images (sampleCount) must be between 1 and 4, got ${JSON.stringify(sampleCount)}.`;
  }
  if (aspectRatio !== undefined && !aspectRatios.has(String(aspectRatio))) {
    return `Unsupported aspect ratio ${JSON.stringify(aspectRatio)}; supported: 1:1, 3:4, 4:3, 9:16, 16:9.`;
  }
  if (
    parameters.personGeneration !== undefined &&
    !personGeneration.has(String(parameters.personGeneration))
  ) {
    return `Invalid personGeneration ${JSON.stringify(parameters.personGeneration)}.`;
  }
  const size = parameters.sampleImageSize;
  if (size !== undefined && !imageSizes.has(String(size))) {
    return `Invalid sampleImageSize ${JSON.stringify(size)}; supported: 1K, 2K.`;
  }
  if (!vertex) {
    const vertexOnly = vertexOnlyParameters.find((name) => parameters[name] !== undefined);
    if (vertexOnly !== undefined) return `${vertexOnly} is not supported in the Gemini API.`;
  }
  const options = parameters.outputOptions;
  if (options !== undefined) {
    if (!isObject(options) || (options.mimeType !== undefined && !mimeTypes.has(String(options.mimeType)))) {
      return 'outputOptions.mimeType must be image/png or image/jpeg.';
    }
  }
  return undefined;
}
