import type { ErrorReply, MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { openAIError } from './openai-error.js';

/** One image of OpenAI's answer: base64 bytes or a URL, and the prompt it was drawn from. */
export interface GeneratedImage {
  url?: string;
  b64_json?: string;
  revised_prompt: string;
}

/** The images of one generation request, or the 400 for a request without a prompt. */
export function buildImageGeneration(
  body: unknown,
): { ok: true; data: GeneratedImage[] } | { ok: false; error: ErrorReply } {
  const request = body as { prompt?: unknown; n?: unknown; response_format?: unknown } | undefined;
  if (typeof request?.prompt !== 'string' || request.prompt === '') {
    return { ok: false, error: openAIError(400, "'prompt' is a required property", { param: 'prompt' }) };
  }
  const prompt = request.prompt;
  const n = typeof request.n === 'number' && request.n > 0 ? request.n : 1;
  const asUrl = request.response_format === 'url';
  const data = Array.from({ length: n }, (_, index) =>
    asUrl
      ? { url: `https://images.example.invalid/${index}.png`, revised_prompt: prompt }
      : { b64_json: onePixelPng, revised_prompt: prompt },
  );
  return { ok: true, data };
}

/** `POST /v1/images/generations`: a deterministic 1x1 PNG per image (b64_json) or a URL. */
export const openAIImageGenerationsRoute: MockRoute = {
  method: 'POST',
  path: '/images/generations',
  async handle(context) {
    const images = buildImageGeneration(context.request.body);
    if (!images.ok) return sendErrorReply(context, images.error);
    sendJson(context, 200, { created: 1_700_000_000, data: images.data });
  },
};

const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
