import { countWords } from '../../core/count-words.js';
import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import { fastApiValidationError } from '../../core/fastapi-error.js';
import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { encodeFloat32Base64 } from '../openai/encode-float32-base64.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The text of one input: a string or a text document (`{text}`). */
function inputText(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  return isObject(input) && typeof input.text === 'string' ? input.text : undefined;
}

/**
 * `POST /v1/embeddings` (Jina AI): OpenAI's shape, but the vector format is `embedding_type`
 * (`float` or `base64` here), and `usage` has `total_tokens` and `prompt_tokens`.
 */
export const jinaEmbeddingsRoute: MockRoute = {
  method: 'POST',
  path: '/embeddings',
  async handle(context) {
    const body = context.request.body;
    if (!isObject(body) || typeof body.model !== 'string' || body.model === '') {
      return sendErrorReply(context, fastApiValidationError('model', 'Field required'));
    }
    const inputs = Array.isArray(body.input) ? body.input : [body.input];
    const texts = inputs.map(inputText);
    if (texts.length === 0 || texts.some((text) => text === undefined)) {
      return sendErrorReply(context, fastApiValidationError('input', 'input must be text or text documents'));
    }
    const type = body.embedding_type ?? 'float';
    if (type !== 'float' && type !== 'base64') {
      return sendErrorReply(
        context,
        fastApiValidationError('embedding_type', `unsupported type ${String(type)}`),
      );
    }
    const dimensions = typeof body.dimensions === 'number' ? body.dimensions : 16;
    const tokens = (texts as string[]).reduce((sum, text) => sum + countWords(text), 0);
    sendJson(context, 200, {
      model: body.model,
      object: 'list',
      usage: { total_tokens: tokens, prompt_tokens: tokens },
      data: (texts as string[]).map((text, index) => {
        const vector = deterministicUnitVector(`text:${text}`, dimensions);
        return {
          object: 'embedding',
          index,
          embedding: type === 'base64' ? encodeFloat32Base64(vector) : vector,
        };
      }),
    });
  },
};
