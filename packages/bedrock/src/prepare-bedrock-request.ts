import { type ChatRequest, handleUnsupportedParams, isRecord } from '@switchyard/core';
import type {
  BedrockConverseRequest,
  BedrockInferenceConfig,
  BedrockOutputConfig,
} from './bedrock-api-types.js';
import { bedrockModelFamily } from './bedrock-model-family.js';
import type { ConversionContext } from './convert-to-bedrock-content.js';
import { convertToBedrockMessages } from './convert-to-bedrock-messages.js';
import { type BedrockReasoning, prepareBedrockReasoning } from './prepare-bedrock-reasoning.js';
import { type ExtraTool, prepareBedrockTools } from './prepare-bedrock-tools.js';

export interface PrepareBedrockOptions extends ConversionContext {
  /** litellm's drop_params: unsupported parameters are dropped instead of refused. */
  dropParams: boolean;
}

export interface PreparedBedrockRequest {
  body: BedrockConverseRequest;
  /** The JSON-mode tool whose input is the answer (response_format json_object). */
  jsonToolName?: string;
}

export const JSON_TOOL_NAME = 'json_tool_call';
const alwaysUnsupported = [
  'seed',
  'logit_bias',
  'logprobs',
  'top_logprobs',
  'frequency_penalty',
  'presence_penalty',
];
// Converse fields a caller may set on the request itself; they are passed through as given.
const passThroughFields = [
  'guardrailConfig',
  'performanceConfig',
  'additionalModelResponseFieldPaths',
  'requestMetadata',
  'promptVariables',
];
const serviceTiers = new Set(['default', 'flex', 'priority']);

function unsupportedParams(request: ChatRequest, reasoning: BedrockReasoning | undefined): string[] {
  const names = [...alwaysUnsupported];
  if (typeof request.n === 'number' && request.n > 1) names.push('n');
  if (request.parallel_tool_calls === false) names.push('parallel_tool_calls');
  if (reasoning === undefined) names.push('reasoning_effort');
  return names;
}

function inferenceConfig(
  request: ChatRequest,
  reasoning: BedrockReasoning | undefined,
): BedrockInferenceConfig {
  const config: BedrockInferenceConfig = {};
  const maxTokens = reasoning?.maxTokens ?? request.max_completion_tokens ?? request.max_tokens;
  const stops = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? []);
  if (!reasoning?.unsetInferenceConfig) {
    if (typeof maxTokens === 'number') config.maxTokens = maxTokens;
    if (typeof request.temperature === 'number') config.temperature = request.temperature;
    if (typeof request.top_p === 'number') config.topP = request.top_p;
  }
  const stopSequences = stops.filter((stop) => stop !== '');
  if (stopSequences.length > 0) config.stopSequences = stopSequences;
  return config;
}

/** json_schema → Converse's native structured output; json_object → a forced JSON tool. */
function responseFormat(
  request: ChatRequest,
  thinking: boolean,
): { outputConfig?: BedrockOutputConfig; extraTool?: ExtraTool } {
  const format = request.response_format;
  if (format?.type === 'json_schema') {
    const { name, description, schema } = format.json_schema;
    const jsonSchema = {
      schema: JSON.stringify(schema ?? { type: 'object' }),
      name,
      ...(description ? { description } : {}),
    };
    return { outputConfig: { textFormat: { type: 'json_schema', structure: { jsonSchema } } } };
  }
  if (format?.type === 'json_object') {
    const schema = { type: 'object', additionalProperties: true, properties: {} };
    return {
      extraTool: {
        name: JSON_TOOL_NAME,
        description: 'Respond with a JSON object.',
        schema,
        force: !thinking,
      },
    };
  }
  return {};
}

function additionalFields(
  request: ChatRequest,
  reasoning: BedrockReasoning | undefined,
): Record<string, unknown> | undefined {
  const given = isRecord(request.additionalModelRequestFields) ? request.additionalModelRequestFields : {};
  const fields = { ...given, ...reasoning?.fields };
  return Object.keys(fields).length > 0 ? fields : undefined;
}

/**
 * The Converse body for a canonical request: system and messages, inferenceConfig (maxTokens,
 * temperature, topP, stopSequences), toolConfig, structured output, reasoning in the model
 * family's terms, Converse-native fields passed through. Parameters Converse cannot take (seed,
 * n > 1, logit_bias, logprobs, penalties, parallel_tool_calls: false, reasoning_effort for models
 * without a reasoning switch) are refused or, with drop_params, dropped.
 */
export function prepareBedrockRequest(
  original: ChatRequest,
  options: PrepareBedrockOptions,
): PreparedBedrockRequest {
  const family = bedrockModelFamily(options.model);
  const requestedMax = original.max_completion_tokens ?? original.max_tokens ?? undefined;
  const reasoning = prepareBedrockReasoning(original, family, options.model, requestedMax);
  const request = handleUnsupportedParams(original, {
    provider: options.provider,
    model: options.model,
    unsupported: unsupportedParams(original, reasoning),
    dropParams: options.dropParams,
  });
  const prompt = convertToBedrockMessages(request.messages, options);
  const format = responseFormat(request, reasoning?.thinking ?? false);
  const toolConfig = prepareBedrockTools(request, prompt.messages, options, format.extraTool);
  const config = inferenceConfig(request, reasoning);
  const fields = additionalFields(request, reasoning);
  const body: BedrockConverseRequest = { messages: prompt.messages };
  if (prompt.system.length > 0) body.system = prompt.system;
  if (Object.keys(config).length > 0) body.inferenceConfig = config;
  if (toolConfig) body.toolConfig = toolConfig;
  if (format.outputConfig) body.outputConfig = format.outputConfig;
  if (fields) body.additionalModelRequestFields = fields;
  for (const name of passThroughFields) if (request[name] !== undefined) body[name] = request[name];
  if (typeof request.service_tier === 'string' && serviceTiers.has(request.service_tier)) {
    body.serviceTier = { type: request.service_tier };
  }
  return format.extraTool ? { body, jsonToolName: format.extraTool.name } : { body };
}
