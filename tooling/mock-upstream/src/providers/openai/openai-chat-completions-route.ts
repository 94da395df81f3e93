import { EventStream } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { buildOpenAIChatChunks } from './build-openai-chat-chunks.js';
import { buildOpenAIChatCompletion } from './build-openai-chat-completion.js';
import { type OpenAIChatPlan, planOpenAIChatCompletion } from './plan-openai-chat-completion.js';
import { readOpenAIChatRequest } from './read-openai-chat-request.js';

/** `POST /v1/chat/completions`, as JSON or, with `stream: true`, as server-sent events. */
export const openAIChatCompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/chat/completions',
  async handle(context) {
    const parsed = readOpenAIChatRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const plan = planOpenAIChatCompletion({
      request: parsed.request,
      respond: context.rule?.respond,
      seed: String(context.request.id),
      created: Math.floor(Date.now() / 1000),
    });
    if (!parsed.request.stream) {
      return sendJson(context, 200, buildOpenAIChatCompletion(plan));
    }
    await streamChatCompletion(context, plan, parsed.request.includeUsage);
  },
};

async function streamChatCompletion(context: RouteContext, plan: OpenAIChatPlan, includeUsage: boolean) {
  const stream = new EventStream(context);
  stream.open();
  for (const chunk of buildOpenAIChatChunks(plan, includeUsage)) {
    if (!(await stream.send({ data: JSON.stringify(chunk) }))) {
      return;
    }
  }
  if (await stream.send({ data: '[DONE]' })) {
    await stream.end();
  }
}
