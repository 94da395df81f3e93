import {
  type ChatRequest,
  handleUnsupportedParams,
  isRecord,
  type ResponseFormat,
  thinkingBudgetFor,
} from '@switchyard/core';
import type { CohereChatBody, CohereDocument } from './cohere-api-types.js';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';
import { prepareCohereTools } from './prepare-cohere-tools.js';

export interface CohereRequestContext {
  provider: string;
  /** The upstream model id. */
  model: string;
  dropParams: boolean;
}

// Cohere's own chat fields, forwarded when a request carries them (litellm passes unknown fields on).
const nativeFields = ['k', 'safety_mode', 'citation_options', 'strict_tools'] as const;
// Cohere's `p` must lie in [0.01, 0.99]; OpenAI clients commonly send top_p 1 meaning "no cut-off".
const minTopP = 0.01;
const maxTopP = 0.99;

/**
 * The canonical fields Cohere cannot honour, present with a value that asks for something: refused
 * with a 400 naming them, or dropped with drop_params.
 */
function refuseUnsupported(request: ChatRequest, context: CohereRequestContext): void {
  const asked: Record<string, unknown> = {
    logit_bias: request.logit_bias,
    logprobs: request.logprobs === true ? true : undefined,
    top_logprobs: request.top_logprobs,
    n: typeof request.n === 'number' && request.n > 1 ? request.n : undefined,
    parallel_tool_calls: request.parallel_tool_calls === false ? false : undefined,
    audio: request.audio,
    prediction: request.prediction,
    web_search_options: request.web_search_options,
    functions: request.functions,
    function_call: request.function_call,
    modalities: request.modalities?.some((modality) => modality !== 'text') ? request.modalities : undefined,
  };
  handleUnsupportedParams(asked, {
    provider: context.provider,
    model: context.model,
    unsupported: Object.keys(asked),
    dropParams: context.dropParams,
  });
}

function responseFormat(format: ResponseFormat | undefined): CohereChatBody['response_format'] {
  if (format?.type === 'json_object') return { type: 'json_object' };
  if (format?.type === 'json_schema') {
    const schema = format.json_schema.schema;
    return { type: 'json_object', json_schema: schema ?? { type: 'object' } };
  }
  return undefined;
}

/** An explicit Cohere `thinking` wins; otherwise reasoning_effort becomes a thinking budget. */
function thinking(request: ChatRequest): CohereChatBody['thinking'] {
  if (isRecord(request.thinking)) return request.thinking as CohereChatBody['thinking'];
  const effort = request.reasoning_effort;
  if (!effort) return undefined;
  if (effort === 'none') return { type: 'disabled' };
  return { type: 'enabled', token_budget: thinkingBudgetFor(effort) };
}

function samplingFields(request: ChatRequest): Partial<CohereChatBody> {
  const fields: Partial<CohereChatBody> = {};
  if (typeof request.temperature === 'number') fields.temperature = request.temperature;
  if (typeof request.top_p === 'number') fields.p = Math.min(maxTopP, Math.max(minTopP, request.top_p));
  const maxTokens = request.max_completion_tokens ?? request.max_tokens;
  if (typeof maxTokens === 'number') fields.max_tokens = maxTokens;
  if (typeof request.stop === 'string') fields.stop_sequences = [request.stop];
  else if (Array.isArray(request.stop) && request.stop.length > 0) fields.stop_sequences = request.stop;
  if (typeof request.seed === 'number') fields.seed = request.seed;
  if (typeof request.frequency_penalty === 'number') fields.frequency_penalty = request.frequency_penalty;
  if (typeof request.presence_penalty === 'number') fields.presence_penalty = request.presence_penalty;
  return fields;
}

/**
 * The body of Cohere's `POST /v2/chat` for a canonical request: messages (text files become
 * `documents`), tools, sampling (`top_p` is `p`, `stop` is `stop_sequences`, max_completion_tokens
 * wins over max_tokens), structured output (`json_object` with `json_schema`), reasoning
 * (`thinking`), Cohere's own fields when present, and `stream`.
 */
export function prepareCohereChatBody(
  request: ChatRequest,
  context: CohereRequestContext,
  stream: boolean,
): CohereChatBody {
  refuseUnsupported(request, context);
  const conversation = convertToCohereMessages(request.messages, context);
  const body: CohereChatBody = {
    model: context.model,
    messages: conversation.messages,
    ...prepareCohereTools(request, context),
    ...samplingFields(request),
    stream,
  };
  const format = responseFormat(request.response_format);
  if (format) body.response_format = format;
  const reasoning = thinking(request);
  if (reasoning) body.thinking = reasoning;
  const documents = [
    ...(Array.isArray(request.documents) ? (request.documents as CohereDocument[]) : []),
    ...conversation.documents,
  ];
  if (documents.length > 0) body.documents = documents;
  const extra = body as Record<string, unknown>;
  for (const field of nativeFields) {
    if (request[field] !== undefined && request[field] !== null) extra[field] = request[field];
  }
  return body;
}
