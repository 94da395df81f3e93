import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { openAIError } from './openai-error.js';

/** `POST /v1/images/generations`: a deterministic 1x1 PNG per image (b64_json) or a URL. */
export const openAIImageGenerationsRoute: MockRoute = {
  method: 'POST',
  path: '/images/generations',
  async handle(context) {
    const body = context.request.body as
      | { prompt?: unknown; n?: unknown; response_format?: unknown }
      | undefined;
    if (typeof body?.prompt !== 'string' || body.prompt === '') {
      return sendErrorReply(
        context,
        openAIError(400, "'prompt' is a required property", { param: 'prompt' }),
      );
    }
    const n = typeof body.n === 'number' && body.n > 0 ? body.n : 1;
    const asUrl = body.response_format === 'url';
    const data = Array.from({ length: n }, (_, index) =>
      asUrl
        ? { url: `https://images.example.invalid/${index}.png`, revised_prompt: body.prompt }
        : { b64_json: onePixelPng, revised_prompt: body.prompt },
    );
    sendJson(context, 200, { created: 1_700_000_000, data });
  },
};

const onePixelPng =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
