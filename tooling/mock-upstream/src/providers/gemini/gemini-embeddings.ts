import { deterministicUnitVector } from '../../core/deterministic-vector.js';
import type { ErrorReply, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { checkFields, isObject } from './check-gemini-fields.js';
import { googleError } from './google-error.js';

/** Real models answer 768 or 3072 values; the mock keeps vectors short unless asked. */
export const DEFAULT_GEMINI_EMBEDDING_DIMENSIONS = 16;

const EMBED_REQUEST_FIELDS = new Set(['model', 'content', 'taskType', 'title', 'outputDimensionality']);
const TASK_TYPES = new Set([
  'TASK_TYPE_UNSPECIFIED',
  'RETRIEVAL_QUERY',
  'RETRIEVAL_DOCUMENT',
  'SEMANTIC_SIMILARITY',
  'CLASSIFICATION',
  'CLUSTERING',
  'QUESTION_ANSWERING',
  'FACT_VERIFICATION',
  'CODE_RETRIEVAL_QUERY',
]);

type Embedding = { values: number[] };

/** One `EmbedContentRequest`: its vector, or the error Google gives for it. */
function embedOne(request: unknown, at: string, model: string, inBatch: boolean): Embedding | ErrorReply {
  if (!isObject(request)) {
    return googleError(400, `Invalid value at '${at}': expected an EmbedContentRequest.`);
  }
  const fieldProblem = checkFields(request, EMBED_REQUEST_FIELDS, at === '' ? undefined : at);
  if (fieldProblem !== undefined) {
    return fieldProblem;
  }
  if (inBatch && request.model !== `models/${model}`) {
    return googleError(
      400,
      `* BatchEmbedContentsRequest.${at}.model: Model names should match the model in the request path (models/${model}).\n`,
    );
  }
  const parts =
    isObject(request.content) && Array.isArray(request.content.parts) ? request.content.parts : [];
  const texts = parts
    .filter(isObject)
    .map((part) => part.text)
    .filter((text) => typeof text === 'string');
  if (texts.length === 0) {
    return googleError(400, '* EmbedContentRequest.content: contents is not specified\n');
  }
  if (request.taskType !== undefined && !TASK_TYPES.has(String(request.taskType))) {
    return googleError(
      400,
      `Invalid value at '${at === '' ? '' : `${at}.`}task_type' (type.googleapis.com/google.ai.generativelanguage.v1beta.TaskType), "${String(request.taskType)}"`,
    );
  }
  const dimensions = request.outputDimensionality ?? DEFAULT_GEMINI_EMBEDDING_DIMENSIONS;
  if (
    typeof dimensions !== 'number' ||
    !Number.isInteger(dimensions) ||
    dimensions < 1 ||
    dimensions > 3072
  ) {
    return googleError(400, 'Invalid value for output_dimensionality: must be between 1 and 3072.');
  }
  return { values: deterministicUnitVector(`text:${texts.join(' ')}`, dimensions) };
}

/** `POST /v1beta/models/{model}:embedContent` → `{"embedding":{"values":[…]}}`. */
export function answerEmbedContent(context: RouteContext, model: string): void {
  const result = embedOne(context.request.body, '', model, false);
  if ('status' in result) {
    sendErrorReply(context, result);
    return;
  }
  sendJson(context, 200, { embedding: result });
}

function embedBatch(body: unknown, model: string): { embeddings: Embedding[] } | ErrorReply {
  const requests = isObject(body) && Array.isArray(body.requests) ? body.requests : undefined;
  if (requests === undefined || requests.length === 0) {
    return googleError(400, '* BatchEmbedContentsRequest.requests: requests is not specified\n');
  }
  if (requests.length > 100) {
    return googleError(
      400,
      '* BatchEmbedContentsRequest.requests: at most 100 requests can be in one batch\n',
    );
  }
  const embeddings: Embedding[] = [];
  for (const [index, request] of requests.entries()) {
    const result = embedOne(request, `requests[${index}]`, model, true);
    if ('status' in result) {
      return result;
    }
    embeddings.push(result);
  }
  return { embeddings };
}

/** `POST /v1beta/models/{model}:batchEmbedContents` → `{"embeddings":[{"values":[…]}, …]}`. */
export function answerBatchEmbedContents(context: RouteContext, model: string): void {
  const result = embedBatch(context.request.body, model);
  if ('status' in result) {
    sendErrorReply(context, result);
  } else {
    sendJson(context, 200, result);
  }
}
