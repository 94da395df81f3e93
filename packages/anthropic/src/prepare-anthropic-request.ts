import { type ChatRequest, getModelInfo, handleUnsupportedParams, isRecord } from '@switchyard/core';
import type { AnthropicMessagesRequest, AnthropicOutputConfig } from './anthropic-api-types.js';
import { anthropicModelFeatures } from './anthropic-model-features.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { prepareAnthropicResponseFormat } from './prepare-anthropic-response-format.js';
import { prepareAnthropicThinking } from './prepare-anthropic-thinking.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

export interface PrepareAnthropicRequestOptions {
  /** Provider id, for error messages. */
  provider: string;
  /** The upstream model id; it decides the model-dependent translations. */
  model: string;
  /** litellm's drop_params: drop parameters Anthropic cannot take instead of refusing them. */
  dropParams?: boolean;
  stream: boolean;
}

export interface PreparedAnthropicRequest {
  body: AnthropicMessagesRequest;
  /** Beta features the body needs, for the `anthropic-beta` header. */
  betas: string[];
  /** Set when `response_format` is asked through a forced tool: that tool's input is the answer. */
  jsonToolName?: string;
}

/** When neither the request nor the model table says (litellm's default too). */
export const anthropicDefaultMaxTokens = 4096;

// OpenAI parameters Anthropic has no equivalent for: refused, or dropped with drop_params.
const unsupported = [
  'seed',
  'n',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'frequency_penalty',
  'presence_penalty',
  'modalities',
  'audio',
  'prediction',
  'web_search_options',
  'verbosity',
  'functions',
  'function_call',
];

// Fields translated here, or OpenAI's own that mean nothing upstream (storage, caching keys);
// every other field is Anthropic's (top_k, container, mcp_servers, …) and is forwarded as given,
// unless the translation already set it (a `system` next to system messages, `stop_sequences`
// next to `stop`).
const handled = new Set([
  ...unsupported,
  'model',
  'messages',
  'tools',
  'tool_choice',
  'parallel_tool_calls',
  'response_format',
  'stream',
  'stream_options',
  'stop',
  'temperature',
  'top_p',
  'max_tokens',
  'max_completion_tokens',
  'user',
  'reasoning_effort',
  'thinking',
  'output_config',
  'metadata',
  'service_tier',
  'store',
  'safety_identifier',
  'prompt_cache_key',
]);

/**
 * The Messages API body for an OpenAI-shaped request. Model-dependent choices (adaptive thinking,
 * native structured output, strict tools) follow `anthropicModelFeatures(options.model)`.
 */
export function prepareAnthropicRequest(
  request: ChatRequest,
  options: PrepareAnthropicRequestOptions,
): PreparedAnthropicRequest {
  const checked = handleUnsupportedParams(withoutNoOps(request), {
    provider: options.provider,
    model: options.model,
    unsupported,
    dropParams: options.dropParams === true,
  });
  const features = anthropicModelFeatures(options.model);
  const prompt = convertToAnthropicMessages(checked.messages);
  const thinking = prepareAnthropicThinking(checked, features);
  const responseFormat = prepareAnthropicResponseFormat(checked.response_format, {
    structuredOutputs: features.structuredOutputs,
  });
  const tools = prepareAnthropicTools({
    tools: checked.tools,
    toolChoice: checked.tool_choice,
    parallelToolCalls: checked.parallel_tool_calls,
    strictTools: features.structuredOutputs,
  });
  if (responseFormat.jsonTool) {
    tools.tools = [...(tools.tools ?? []), responseFormat.jsonTool];
    // Anthropic refuses a forced tool while thinking; then the model is only offered it.
    const thinkingOn = thinking.thinking !== undefined && thinking.thinking.type !== 'disabled';
    tools.toolChoice = thinkingOn ? { type: 'auto' } : { type: 'tool', name: responseFormat.jsonTool.name };
  }

  const body: AnthropicMessagesRequest = {
    model: options.model,
    max_tokens: maxTokensFor(checked, options.model, thinking.budgetTokens),
    messages: prompt.messages,
    ...(prompt.system !== undefined ? { system: prompt.system } : {}),
    ...(options.stream ? { stream: true } : {}),
    ...samplingFields(checked),
  };
  if (tools.tools) body.tools = tools.tools;
  if (tools.toolChoice) body.tool_choice = tools.toolChoice;
  if (thinking.thinking) body.thinking = thinking.thinking;
  const outputConfig: AnthropicOutputConfig = isRecord(checked.output_config)
    ? { ...checked.output_config }
    : {};
  if (responseFormat.format) outputConfig.format = responseFormat.format;
  if (thinking.effort && outputConfig.effort === undefined) outputConfig.effort = thinking.effort;
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  for (const [key, value] of Object.entries(checked)) {
    if (!handled.has(key) && value !== undefined && !(key in body)) body[key] = value;
  }

  const prepared: PreparedAnthropicRequest = { body, betas: prompt.betas };
  if (responseFormat.jsonTool) prepared.jsonToolName = responseFormat.jsonTool.name;
  return prepared;
}

/** `temperature`, `top_p` (as given), `stop` as `stop_sequences`, `user` as `metadata.user_id`, `service_tier`. */
function samplingFields(request: ChatRequest): Partial<AnthropicMessagesRequest> {
  const fields: Partial<AnthropicMessagesRequest> = {};
  if (request.temperature != null) fields.temperature = request.temperature;
  if (request.top_p != null) fields.top_p = request.top_p;
  if (request.stop != null)
    fields.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  const userId = request.user ?? request.metadata?.user_id;
  if (userId) fields.metadata = { user_id: userId };
  // Anthropic's tiers are `auto` and `standard_only`; OpenAI's others mean nothing there.
  if (request.service_tier === 'auto' || request.service_tier === 'standard_only') {
    fields.service_tier = request.service_tier;
  }
  return fields;
}

/**
 * Values of unsupported parameters that ask for nothing (`n: 1`, `logprobs: false`, penalties of
 * 0, text-only `modalities`) are removed rather than refused: many clients send them by default.
 */
function withoutNoOps(request: ChatRequest): ChatRequest {
  const noOps: Array<[keyof ChatRequest, (value: unknown) => boolean]> = [
    ['n', (value) => value === 1],
    ['logprobs', (value) => value === false],
    ['top_logprobs', (value) => value === 0],
    ['frequency_penalty', (value) => value === 0],
    ['presence_penalty', (value) => value === 0],
    ['modalities', (value) => Array.isArray(value) && value.every((modality) => modality === 'text')],
  ];
  const present = noOps.filter(([key, isNoOp]) => request[key] != null && isNoOp(request[key]));
  if (present.length === 0) return request;
  const copy: Record<string, unknown> = { ...request };
  for (const [key] of present) delete copy[key];
  return copy as ChatRequest;
}

/**
 * Anthropic requires `max_tokens`: `max_completion_tokens`, else `max_tokens`, else the model's
 * output limit from the model table, else 4096. A default that would not leave room beyond the
 * thinking budget (Anthropic requires more) is raised above it.
 */
function maxTokensFor(request: ChatRequest, model: string, budgetTokens: number | undefined): number {
  const explicit = request.max_completion_tokens ?? request.max_tokens;
  if (explicit != null) return explicit;
  const fallback = getModelInfo(model, 'anthropic')?.max_output_tokens ?? anthropicDefaultMaxTokens;
  return budgetTokens !== undefined && fallback <= budgetTokens
    ? budgetTokens + anthropicDefaultMaxTokens
    : fallback;
}
