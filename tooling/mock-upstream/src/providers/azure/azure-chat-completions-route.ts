import { EventStream, formatEventStreamFrame } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { type OpenAIChatPlan, planOpenAIChatCompletion } from '../openai/plan-openai-chat-completion.js';
import { readOpenAIChatRequest } from '../openai/read-openai-chat-request.js';
import { azureResourceNotFound } from './azure-error.js';
import {
  buildAzureChatChunks,
  buildAzureChatCompletion,
  buildAzurePromptFilterFrame,
} from './build-azure-chat-completion.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /openai/deployments/{deployment}/chat/completions?api-version=…`: the deployment in the
 * path picks the model (a `model` in the body is ignored), and `api-version` is required.
 */
export const azureDeploymentChatCompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/deployments/:deployment/chat/completions',
  modelFromPath: (params) => params.deployment,
  async handle(context) {
    if (!context.request.query['api-version']) {
      return sendErrorReply(context, azureResourceNotFound());
    }
    await answerChat(context, context.params.deployment);
  },
};

/** `POST /openai/v1/chat/completions`: the v1 surface, OpenAI's shape, the deployment as `model`. */
export const azureV1ChatCompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/v1/chat/completions',
  async handle(context) {
    await answerChat(context, undefined);
  },
};

async function answerChat(context: RouteContext, deployment: string | undefined): Promise<void> {
  const body = context.request.body;
  const parsed = readOpenAIChatRequest(
    deployment !== undefined && isObject(body) ? { ...body, model: deployment } : body,
  );
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
    return sendJson(context, 200, buildAzureChatCompletion(plan));
  }
  await streamChat(context, plan, parsed.request.includeUsage);
}

/**
 * Streams Azure's way: first a frame with no choices and only `prompt_filter_results`, then the
 * chunks. The prompt-filter frame is a preamble written before the rule's stream faults start
 * counting, so `hangAfterFirstChunk` and `malformed` act after the first real chunk.
 */
async function streamChat(context: RouteContext, plan: OpenAIChatPlan, includeUsage: boolean) {
  const stream = new EventStream(context);
  stream.open();
  const preamble = formatEventStreamFrame({ data: JSON.stringify(buildAzurePromptFilterFrame()) });
  if (!(await context.channel.write(preamble))) {
    return;
  }
  for (const chunk of buildAzureChatChunks(plan, includeUsage)) {
    if (!(await stream.send({ data: JSON.stringify(chunk) }))) {
      return;
    }
  }
  if (await stream.send({ data: '[DONE]' })) {
    await stream.end();
  }
}
