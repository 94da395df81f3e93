import { EventStream } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { buildGeminiResponse, buildGeminiStreamEvents } from './build-gemini-response.js';
import { answerBatchEmbedContents, answerEmbedContent } from './gemini-embeddings.js';
import { googleError } from './google-error.js';
import { answerImagenPredict } from './imagen-predict.js';
import { planGeminiResponse } from './plan-gemini-response.js';
import { readGeminiRequest } from './read-gemini-request.js';

// Google's custom methods put a colon inside the last path segment: `models/{model}:generateContent`.
// A route captures the whole segment and splits it at its last colon.

/** `{ model, action }` of a `model:action` path segment. */
export function splitModelAction(segment: string | undefined): { model: string; action: string } {
  const text = segment ?? '';
  const colon = text.lastIndexOf(':');
  return colon < 0
    ? { model: text, action: '' }
    : { model: text.slice(0, colon), action: text.slice(colon + 1) };
}

const modelFromPath = (params: Record<string, string>) =>
  splitModelAction(params.modelAction).model || undefined;

async function answerGenerate(context: RouteContext, model: string, stream: boolean, vertex: boolean) {
  const parsed = readGeminiRequest(context.request.body, model);
  if (!parsed.ok) {
    return sendErrorReply(context, parsed.error);
  }
  const plan = planGeminiResponse({
    request: parsed.request,
    respond: context.rule?.respond,
    seed: String(context.request.id),
    vertex,
  });
  if (!stream) {
    return sendJson(context, 200, buildGeminiResponse(plan));
  }
  const events = buildGeminiStreamEvents(plan);
  if (context.request.query.alt !== 'sse') {
    // Without `alt=sse` Google streams one JSON array of the same responses.
    return sendJson(context, 200, events);
  }
  const eventStream = new EventStream(context);
  eventStream.open();
  for (const event of events) {
    if (!(await eventStream.send({ data: JSON.stringify(event) }))) {
      return;
    }
  }
  await eventStream.end();
}

function unknownMethod(context: RouteContext, action: string) {
  sendErrorReply(context, googleError(404, `Method not found: ${action || '(none)'}.`));
}

/** `POST /v1beta/models/{model}:{generateContent|streamGenerateContent|embedContent|batchEmbedContents|predict}`. */
export const geminiModelRoute: MockRoute = {
  method: 'POST',
  path: '/models/:modelAction',
  modelFromPath,
  async handle(context) {
    const { model, action } = splitModelAction(context.params.modelAction);
    switch (action) {
      case 'generateContent':
        return answerGenerate(context, model, false, false);
      case 'streamGenerateContent':
        return answerGenerate(context, model, true, false);
      case 'embedContent':
        return answerEmbedContent(context, model);
      case 'batchEmbedContents':
        return answerBatchEmbedContents(context, model);
      case 'predict':
        return answerImagenPredict(context, model, false);
      default:
        return unknownMethod(context, action);
    }
  },
};

/** `POST /v1/projects/{project}/locations/{location}/publishers/google/models/{model}:{generateContent|streamGenerateContent|predict}`. */
export const vertexModelRoute: MockRoute = {
  method: 'POST',
  path: '/projects/:project/locations/:location/publishers/:publisher/models/:modelAction',
  modelFromPath,
  async handle(context) {
    const { model, action } = splitModelAction(context.params.modelAction);
    if (context.params.publisher !== 'google') {
      return sendErrorReply(
        context,
        googleError(404, `Publisher Model \`${context.params.publisher}/${model}\` not found.`),
      );
    }
    switch (action) {
      case 'generateContent':
        return answerGenerate(context, model, false, true);
      case 'streamGenerateContent':
        return answerGenerate(context, model, true, true);
      case 'predict':
        return answerImagenPredict(context, model, true);
      default:
        return unknownMethod(context, action);
    }
  },
};
