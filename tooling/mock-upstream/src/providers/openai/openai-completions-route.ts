import { EventStream } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import {
  buildOpenAICompletion,
  buildOpenAICompletionChunks,
  type OpenAICompletionPlan,
  planOpenAICompletion,
} from './build-openai-completion.js';
import { readOpenAICompletionRequest } from './read-openai-completion-request.js';

/** `POST /v1/completions`, the legacy completions API, as JSON or (with `stream: true`) as events. */
export const openAICompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/completions',
  async handle(context) {
    const parsed = readOpenAICompletionRequest(context.request.body);
    if (!parsed.ok) {
      return sendErrorReply(context, parsed.error);
    }
    const plan = planOpenAICompletion({
      request: parsed.request,
      respond: context.rule?.respond,
      seed: String(context.request.id),
      created: Math.floor(Date.now() / 1000),
    });
    if (!parsed.request.stream) {
      return sendJson(context, 200, buildOpenAICompletion(plan));
    }
    await streamCompletion(context, plan, parsed.request.includeUsage);
  },
};

async function streamCompletion(context: RouteContext, plan: OpenAICompletionPlan, includeUsage: boolean) {
  const stream = new EventStream(context);
  stream.open();
  for (const chunk of buildOpenAICompletionChunks(plan, includeUsage)) {
    if (!(await stream.send({ data: JSON.stringify(chunk) }))) {
      return;
    }
  }
  if (await stream.send({ data: '[DONE]' })) {
    await stream.end();
  }
}
