import { EventStream } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { buildAnthropicMessage } from './build-anthropic-message.js';
import { buildAnthropicStreamEvents } from './build-anthropic-stream-events.js';
import { checkAnthropicVersion } from './check-anthropic-version.js';
import { type AnthropicMessagePlan, planAnthropicMessage } from './plan-anthropic-message.js';
import { readAnthropicMessagesRequest } from './read-anthropic-messages-request.js';

/** `POST /v1/messages`, as one JSON message or, with `stream: true`, as server-sent events. */
export const anthropicMessagesRoute: MockRoute = {
  method: 'POST',
  path: '/messages',
  async handle(context) {
    const versionProblem = checkAnthropicVersion(context.request.headers);
    if (versionProblem !== undefined) {
      return sendErrorReply(context, versionProblem);
    }
    const parsed = readAnthropicMessagesRequest(context.request.body, { requireMaxTokens: true });
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const plan = planAnthropicMessage({
      request: parsed.request,
      respond: context.rule?.respond,
      seed: String(context.request.id),
    });
    if (!parsed.request.stream) {
      return sendJson(context, 200, buildAnthropicMessage(plan));
    }
    await streamMessage(context, plan);
  },
};

async function streamMessage(context: RouteContext, plan: AnthropicMessagePlan): Promise<void> {
  const stream = new EventStream(context);
  stream.open();
  for (const event of buildAnthropicStreamEvents(plan)) {
    if (!(await stream.send({ event: event.type, data: JSON.stringify(event) }))) {
      return;
    }
  }
  await stream.end();
}
