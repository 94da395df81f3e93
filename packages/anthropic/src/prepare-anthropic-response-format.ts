import type { ResponseFormat } from '@switchyard/core';
import type { AnthropicOutputConfig, AnthropicTool } from './anthropic-api-types.js';

/** The tool a JSON answer is asked through on models without native structured output (litellm's name). */
export const anthropicJsonToolName = 'json_tool_call';

export interface AnthropicResponseFormat {
  /** Native structured output, for `output_config.format`. */
  format?: NonNullable<AnthropicOutputConfig['format']>;
  /** A tool to force instead; its input is the answer, returned as the message content. */
  jsonTool?: AnthropicTool;
}

const anyObject = { type: 'object', additionalProperties: true, properties: {} };

/**
 * `response_format` for Anthropic. A JSON schema uses native structured output where the model has
 * it; otherwise (and for `json_object`, which has no schema) the answer is asked for the way litellm
 * does: a tool whose input schema is the answer's, which the caller forces.
 */
export function prepareAnthropicResponseFormat(
  responseFormat: ResponseFormat | undefined,
  options: { structuredOutputs: boolean },
): AnthropicResponseFormat {
  if (!responseFormat || responseFormat.type === 'text') return {};
  if (responseFormat.type === 'json_schema') {
    const { schema, description } = responseFormat.json_schema;
    if (schema && options.structuredOutputs) return { format: { type: 'json_schema', schema } };
    const jsonTool: AnthropicTool = { name: anthropicJsonToolName, input_schema: schema ?? anyObject };
    if (description) jsonTool.description = description;
    return { jsonTool };
  }
  return { jsonTool: { name: anthropicJsonToolName, input_schema: anyObject } };
}
