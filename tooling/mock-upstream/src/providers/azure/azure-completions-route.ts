import { EventStream, formatEventStreamFrame } from '../../core/event-stream.js';
import type { MockRoute, RouteContext } from '../../core/provider.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import {
  buildOpenAICompletion,
  buildOpenAICompletionChunks,
  type OpenAICompletion,
  planOpenAICompletion,
} from '../openai/build-openai-completion.js';
import { readOpenAICompletionRequest } from '../openai/read-openai-completion-request.js';
import { choiceFilterResults, promptFilterResults } from './azure-content-filter.js';
import { azureResourceNotFound } from './azure-error.js';

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `POST /openai/deployments/{deployment}/completions?api-version=…`: the legacy completions API
 * on a deployment (the path names the model; `api-version` is required).
 */
export const azureDeploymentCompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/deployments/:deployment/completions',
  modelFromPath: (params) => params.deployment,
  async handle(context) {
    if (!context.request.query['api-version']) {
      return sendErrorReply(context, azureResourceNotFound());
    }
    await answerCompletion(context, context.params.deployment);
  },
};

/** `POST /openai/v1/completions`: the v1 surface, the deployment as `model`. */
export const azureV1CompletionsRoute: MockRoute = {
  method: 'POST',
  path: '/v1/completions',
  async handle(context) {
    await answerCompletion(context, undefined);
  },
};

/** OpenAI's completion with Azure's content filter verdicts on the prompt and on each choice. */
function withFilterResults(completion: OpenAICompletion) {
  return {
    ...completion,
    choices: completion.choices.map((choice) => ({
      ...choice,
      content_filter_results:
        choice.finish_reason === null && choice.text === '' ? {} : choiceFilterResults(choice.finish_reason),
    })),
  };
}

async function answerCompletion(context: RouteContext, deployment: string | undefined): Promise<void> {
  const body = context.request.body;
  const parsed = readOpenAICompletionRequest(
    deployment !== undefined && isObject(body) ? { ...body, model: deployment } : body,
  );
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
    return sendJson(context, 200, {
      ...withFilterResults(buildOpenAICompletion(plan)),
      prompt_filter_results: promptFilterResults(),
    });
  }
  // Azure streams the prompt's verdicts first, in a frame without choices (a preamble the rule's
  // stream faults do not count).
  const stream = new EventStream(context);
  stream.open();
  const preamble = {
    id: '',
    object: '',
    created: 0,
    model: '',
    choices: [],
    prompt_filter_results: promptFilterResults(),
  };
  if (!(await context.channel.write(formatEventStreamFrame({ data: JSON.stringify(preamble) })))) {
    return;
  }
  for (const chunk of buildOpenAICompletionChunks(plan, parsed.request.includeUsage)) {
    const frame = chunk.choices.length === 0 ? chunk : withFilterResults(chunk);
    if (!(await stream.send({ data: JSON.stringify(frame) }))) {
      return;
    }
  }
  if (await stream.send({ data: '[DONE]' })) {
    await stream.end();
  }
}
