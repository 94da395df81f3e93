import { countWords } from '../../core/count-words.js';
import { deterministicUuid } from '../../core/deterministic-uuid.js';
import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import type { MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { type CohereEmbedRequest, readCohereEmbedRequest } from './read-cohere-embed-request.js';

/** An `embeddings_by_type` answer, shaped as Cohere's v2 API returns it. */
export interface CohereEmbedResponse {
  id: string;
  texts: string[];
  embeddings: { float?: number[][] };
  meta: { api_version: { version: string }; billed_units: { input_tokens: number } };
  response_type: 'embeddings_by_type';
}

/**
 * Deterministic unit vectors, one per text, derived from the text (the same text embeds the same
 * as in OpenAI's mock). Only `float` vectors are produced; other requested types are left out.
 */
export function buildCohereEmbedResponse(request: CohereEmbedRequest, seed: string): CohereEmbedResponse {
  const embeddings: CohereEmbedResponse['embeddings'] = {};
  if (request.embeddingTypes.includes('float')) {
    embeddings.float = request.texts.map((text) =>
      deterministicUnitVector(`text:${text}`, request.dimensions),
    );
  }
  return {
    id: deterministicUuid(`embed:${seed}`),
    texts: request.texts,
    embeddings,
    meta: {
      api_version: { version: '2' },
      billed_units: { input_tokens: request.texts.reduce((sum, text) => sum + countWords(text), 0) },
    },
    response_type: 'embeddings_by_type',
  };
}

/** `POST /v2/embed`. */
export const cohereEmbedRoute: MockRoute = {
  method: 'POST',
  path: '/embed',
  async handle(context) {
    const parsed = readCohereEmbedRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    sendJson(context, 200, buildCohereEmbedResponse(parsed.request, String(context.request.id)));
  },
};
