import { EventStream } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { modelOfRequest } from '../../core/recorded-request.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { buildMistralChatChunks } from './build-mistral-chat-chunks.js';
import { buildMistralChatCompletion } from './build-mistral-chat-completion.js';
import { mistralStreamErrorFrame } from './mistral-error.js';
import { type MistralChatPlan, planMistralChatCompletion } from './plan-mistral-chat-completion.js';
import { readMistralChatRequest } from './read-mistral-chat-request.js';

/** `POST /v1/chat/completions`, as JSON or, with `stream: true`, as server-sent events. */
export const mistralChatCompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/chat/completions',
  async handle(context) {
    const parsed = readMistralChatRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const plan = planMistralChatCompletion({
      request: parsed.request,
      respond: context.rule?.respond,
      seed: String(context.request.id),
      created: Math.floor(Date.now() / 1000),
    });
    if (!parsed.request.stream) {
      return sendJson(context, 200, buildMistralChatCompletion(plan));
    }
    await streamChatCompletion(context, plan);
  },
};

async function streamChatCompletion(context: RouteContext, plan: MistralChatPlan) {
  const stream = new EventStream(context);
  stream.open();
  const errorStatus = context.rule?.streamErrorStatus;
  for (const [position, chunk] of buildMistralChatChunks(plan).entries()) {
    if (!(await stream.send({ data: JSON.stringify(chunk) }))) {
      return;
    }
    if (position === 0 && errorStatus !== undefined) {
      return sendStreamError(context, stream, errorStatus);
    }
  }
  if (await stream.send({ data: '[DONE]' })) {
    await stream.end();
  }
}

/** A failure after the stream started: Mistral's error envelope as a data frame, then the end. */
async function sendStreamError(context: RouteContext, stream: EventStream, status: number) {
  const { request } = context;
  const frame = mistralStreamErrorFrame({
    status,
    method: request.method,
    path: request.path,
    model: modelOfRequest(request),
  });
  if (await stream.send({ data: JSON.stringify(frame) })) {
    await stream.end();
  }
}
