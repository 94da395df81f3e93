import { countWords } from '../../core/count-words.js';
import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import type { ErrorReply, MockRoute } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { bedrockValidationError } from './bedrock-error.js';
import { isObject } from './validate-converse-content.js';

type JsonObject = Record<string, unknown>;
type InvokeAnswer = { body: JsonObject; inputTokens: number } | { error: ErrorReply };

const titanV2Dimensions = new Set([256, 512, 1024]);
const cohereInputTypes = new Set(['search_document', 'search_query', 'classification', 'clustering']);
const COHERE_DIMENSIONS = 1024;
const COHERE_MAX_TEXTS = 96;

const malformed = (detail: string): InvokeAnswer => ({
  error: bedrockValidationError(
    `Malformed input request: ${detail}, please reformat your input and try again.`,
  ),
});

/** Titan Text Embeddings (G1 and V2): one `inputText` per call. */
function titanEmbedding(modelId: string, body: JsonObject): InvokeAnswer {
  if (typeof body.inputText !== 'string') {
    return malformed('#: required key [inputText] not found');
  }
  const v2 = modelId.includes('titan-embed-text-v2');
  if (!v2 && body.dimensions !== undefined) {
    return malformed('#: extraneous key [dimensions] is not permitted');
  }
  const dimensions = body.dimensions ?? (v2 ? 1024 : 1536);
  if (v2 && (typeof dimensions !== 'number' || !titanV2Dimensions.has(dimensions))) {
    return malformed(`#/dimensions: ${String(dimensions)} is not a valid enum value`);
  }
  const embedding = deterministicUnitVector(`titan:${body.inputText}`, Number(dimensions));
  const inputTextTokenCount = countWords(body.inputText);
  return {
    body: v2
      ? { embedding, inputTextTokenCount, embeddingsByType: { float: embedding } }
      : { embedding, inputTextTokenCount },
    inputTokens: inputTextTokenCount,
  };
}

/** Cohere Embed: up to 96 `texts` per call, with a required `input_type`. */
function cohereEmbeddings(body: JsonObject, seed: string): InvokeAnswer {
  const texts = Array.isArray(body.texts) ? body.texts : undefined;
  if (
    texts === undefined ||
    texts.length > COHERE_MAX_TEXTS ||
    !texts.every((text) => typeof text === 'string')
  ) {
    return malformed(`#/texts: expected an array of at most ${COHERE_MAX_TEXTS} strings`);
  }
  if (typeof body.input_type !== 'string' || !cohereInputTypes.has(body.input_type)) {
    return malformed('#: required key [input_type] not found');
  }
  const vectors = texts.map((text) => deterministicUnitVector(`cohere:${text}`, COHERE_DIMENSIONS));
  const byType = Array.isArray(body.embedding_types);
  return {
    body: {
      id: `mock-embed-${seed}`,
      texts,
      embeddings: byType ? { float: vectors } : vectors,
      response_type: byType ? 'embeddings_by_type' : 'embeddings_floats',
    },
    inputTokens: texts.reduce((sum: number, text) => sum + countWords(String(text)), 0),
  };
}

/**
 * `POST /model/{modelId}/invoke` for the embedding models (Titan, Cohere): the model's own body in
 * and out, the token count also in `x-amzn-bedrock-input-token-count` as Bedrock sends it.
 */
export const bedrockInvokeRoute: MockRoute = {
  method: 'POST',
  path: '/model/:modelId/invoke',
  modelFromPath: (params) => params.modelId,
  async handle(context) {
    const modelId = context.params.modelId ?? '';
    const body = isObject(context.request.body) ? context.request.body : {};
    const answer = modelId.includes('titan-embed')
      ? titanEmbedding(modelId, body)
      : modelId.includes('cohere.embed')
        ? cohereEmbeddings(body, String(context.request.id))
        : {
            error: bedrockValidationError(
              `The mock upstream answers InvokeModel for embedding models only (amazon.titan-embed-*, cohere.embed-*), not ${modelId}.`,
            ),
          };
    if ('error' in answer) {
      return sendErrorReply(context, answer.error);
    }
    sendJson(context, 200, answer.body, {
      'x-amzn-bedrock-input-token-count': String(answer.inputTokens),
      'x-amzn-bedrock-invocation-latency': '42',
    });
  },
};
