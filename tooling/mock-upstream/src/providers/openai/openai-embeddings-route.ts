import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { encodeFloat32Base64 } from './encode-float32-base64.js';
import {
  type OpenAIEmbeddingsRequest,
  readOpenAIEmbeddingsRequest,
} from './read-openai-embeddings-request.js';

/** An embeddings `list` response, shaped as OpenAI's API returns it. */
export interface OpenAIEmbeddingsResponse {
  object: 'list';
  data: Array<{ object: 'embedding'; index: number; embedding: number[] | string }>;
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** Deterministic unit vectors, one per input, derived from a hash of the input. */
export function buildOpenAIEmbeddings(
  request: OpenAIEmbeddingsRequest,
  model = request.model,
): OpenAIEmbeddingsResponse {
  const tokens = request.inputs.reduce((sum, input) => sum + input.tokens, 0);
  return {
    object: 'list',
    data: request.inputs.map((input, index) => {
      const vector = deterministicUnitVector(input.seed, request.dimensions);
      return {
        object: 'embedding',
        index,
        embedding: request.encodingFormat === 'base64' ? encodeFloat32Base64(vector) : vector,
      };
    }),
    model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  };
}

/** `POST /v1/embeddings`. */
export const openAIEmbeddingsRoute: MockRoute = {
  method: 'POST',
  path: '/embeddings',
  async handle(context) {
    const parsed = readOpenAIEmbeddingsRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    sendJson(context, 200, buildOpenAIEmbeddings(parsed.request, context.rule?.respond?.model));
  },
};
