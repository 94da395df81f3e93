import { EventStream } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { buildCohereChatEvents } from './build-cohere-chat-events.js';
import { buildCohereChatResponse } from './build-cohere-chat-response.js';
import { type CohereChatPlan, planCohereChat } from './plan-cohere-chat.js';
import { readCohereChatRequest } from './read-cohere-chat-request.js';

/** `POST /v2/chat`, as JSON or, with `stream: true`, as server-sent events. */
export const cohereChatRoute: MockRoute = {
  method: 'POST',
  path: '/chat',
  async handle(context) {
    const parsed = readCohereChatRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const plan = planCohereChat({
      request: parsed.request,
      respond: context.rule?.respond,
      seed: String(context.request.id),
    });
    if (!parsed.request.stream) {
      return sendJson(context, 200, buildCohereChatResponse(plan));
    }
    await streamChat(context, plan);
  },
};

/** Cohere's stream has no `[DONE]` sentinel: it ends after `message-end`. */
async function streamChat(context: RouteContext, plan: CohereChatPlan): Promise<void> {
  const stream = new EventStream(context);
  stream.open();
  for (const frame of buildCohereChatEvents(plan)) {
    if (!(await stream.send(frame))) {
      return;
    }
  }
  await stream.end();
}
