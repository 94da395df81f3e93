import type { ErrorReply } from '../../core/provider.js';
import { cohereError } from './cohere-error.js';

export const DEFAULT_COHERE_EMBEDDING_DIMENSIONS = 16;
const MAX_TEXTS = 96;
const MAX_DIMENSIONS = 3072;
const inputTypes = new Set(['search_document', 'search_query', 'classification', 'clustering', 'image']);
const embeddingTypes = new Set(['float', 'int8', 'uint8', 'binary', 'ubinary', 'base64']);

/** The parts of a `POST /v2/embed` body the mock reads. */
export interface CohereEmbedRequest {
  model: string;
  texts: string[];
  embeddingTypes: string[];
  dimensions: number;
}

export type CohereEmbedRequestResult =
  | { ok: true; request: CohereEmbedRequest }
  | { ok: false; error: ErrorReply };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Validates an embed body as Cohere's v2 API does: `texts` (at most 96), an `input_type` and
 * `embedding_types`, which v2 requires for v3+ models, and an optional `output_dimension`.
 */
export function readCohereEmbedRequest(body: unknown): CohereEmbedRequestResult {
  if (!isObject(body)) return fail('invalid request: the request body must be a JSON object.');
  if (typeof body.model !== 'string' || body.model === '')
    return fail('invalid request: model must be specified.');
  const texts = body.texts;
  if (!Array.isArray(texts) || texts.length === 0 || !texts.every((text) => typeof text === 'string')) {
    return fail('invalid request: texts must be a non-empty list of strings.');
  }
  if (texts.length > MAX_TEXTS) {
    return fail(
      `invalid request: total number of texts must be at most ${MAX_TEXTS} - received ${texts.length}`,
    );
  }
  if (typeof body.input_type !== 'string' || !inputTypes.has(body.input_type)) {
    return fail('invalid request: valid input_type must be provided with the provided model');
  }
  const types = body.embedding_types;
  if (
    !Array.isArray(types) ||
    types.length === 0 ||
    !types.every((type) => embeddingTypes.has(String(type)))
  ) {
    return fail('invalid request: embedding_types is required for embed models v3 and higher');
  }
  const dimensions = body.output_dimension ?? DEFAULT_COHERE_EMBEDDING_DIMENSIONS;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > MAX_DIMENSIONS
  ) {
    return fail(`invalid request: output_dimension must be an integer between 1 and ${MAX_DIMENSIONS}.`);
  }
  return {
    ok: true,
    request: { model: body.model, texts, embeddingTypes: types.map(String), dimensions },
  };
}

function fail(message: string): CohereEmbedRequestResult {
  return { ok: false, error: cohereError(400, message) };
}
