import { countWords } from '../../core/count-words.js';
import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import { fastApiError } from '../../core/fastapi-error.js';
import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { encodeFloat32Base64 } from '../openai/encode-float32-base64.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /v1/embeddings` (Voyage AI): `input` a string or strings, `output_dimension` for the size,
 * `encoding_format` absent or `base64` (anything else is refused); `usage` has `total_tokens` only.
 */
export const voyageEmbeddingsRoute: MockRoute = {
  method: 'POST',
  path: '/embeddings',
  async handle(context) {
    const body = context.request.body;
    if (!isObject(body) || typeof body.model !== 'string' || body.model === '') {
      return sendErrorReply(context, fastApiError(400, 'Invalid request: model is required.'));
    }
    const texts = typeof body.input === 'string' ? [body.input] : body.input;
    if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
      return sendErrorReply(
        context,
        fastApiError(400, 'Invalid request: input must be a string or a list of strings.'),
      );
    }
    const format = body.encoding_format ?? null;
    if (format !== null && format !== 'base64') {
      return sendErrorReply(
        context,
        fastApiError(
          400,
          `Value '${String(format)}' supplied for argument 'encoding_format' is not valid. Accepted values: None, 'base64'.`,
        ),
      );
    }
    if ('dimensions' in body) {
      return sendErrorReply(
        context,
        fastApiError(400, "Unexpected argument 'dimensions'; the output size is 'output_dimension'."),
      );
    }
    const dimensions = typeof body.output_dimension === 'number' ? body.output_dimension : 16;
    const tokens = (texts as string[]).reduce((sum, text) => sum + countWords(text), 0);
    sendJson(context, 200, {
      object: 'list',
      data: (texts as string[]).map((text, index) => {
        const vector = deterministicUnitVector(`text:${text}`, dimensions);
        return {
          object: 'embedding',
          embedding: format === 'base64' ? encodeFloat32Base64(vector) : vector,
          index,
        };
      }),
      model: body.model,
      usage: { total_tokens: tokens },
    });
  },
};
