import { BadRequestError, type ChatRequest, type ChatTool, isRecord } from '@switchyard/core';
import type { AnthropicTool, AnthropicToolChoice } from './anthropic-api-types.js';
import { cacheControlOf } from './convert-to-anthropic-user-content.js';

export interface AnthropicToolsInput {
  tools?: ChatRequest['tools'];
  toolChoice?: ChatRequest['tool_choice'];
  parallelToolCalls?: boolean | null;
  /** The model takes strict tool schemas (`strict: true` is kept only then). */
  strictTools?: boolean;
}

export interface AnthropicToolsOutput {
  tools?: Array<AnthropicTool | Record<string, unknown>>;
  toolChoice?: AnthropicToolChoice;
}

const emptyObjectSchema = { type: 'object', properties: {} };
const anthropicChoiceTypes = new Set(['auto', 'any', 'tool', 'none']);

/**
 * OpenAI tools as Anthropic's: a function becomes `{name, description, input_schema}` (its
 * `cache_control` kept); other tool kinds (Anthropic server tools) pass through. `tool_choice`
 * `auto`, `required`, `none` and a named function become `auto`, `any`, `none` and `tool`;
 * `parallel_tool_calls: false` becomes `disable_parallel_tool_use`. Without tools, no tool_choice
 * is sent (Anthropic refuses one).
 */
export function prepareAnthropicTools(input: AnthropicToolsInput): AnthropicToolsOutput {
  if (!input.tools || input.tools.length === 0) return {};
  const tools = input.tools.map((tool) => convertTool(tool, input.strictTools === true));
  let toolChoice = convertToolChoice(input.toolChoice);
  if (input.parallelToolCalls === false && toolChoice?.type !== 'none') {
    toolChoice = { ...(toolChoice ?? { type: 'auto' }), disable_parallel_tool_use: true };
  }
  return toolChoice ? { tools, toolChoice } : { tools };
}

function convertTool(tool: ChatTool, strictTools: boolean): AnthropicTool | Record<string, unknown> {
  if (tool.type !== 'function' || !isRecord(tool.function)) return tool;
  const fn = tool.function as {
    name: string;
    description?: string;
    parameters?: object;
    strict?: boolean | null;
  };
  const converted: AnthropicTool = {
    name: fn.name,
    input_schema: { ...(fn.parameters ?? emptyObjectSchema) },
  };
  if (fn.description) converted.description = fn.description;
  if (strictTools && fn.strict === true) converted.strict = true;
  const cacheControl = cacheControlOf(tool);
  if (cacheControl) converted.cache_control = cacheControl;
  return converted;
}

export function convertToolChoice(choice: ChatRequest['tool_choice']): AnthropicToolChoice | undefined {
  if (choice === undefined) return undefined;
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'required') return { type: 'any' };
  if (choice === 'none') return { type: 'none' };
  if (choice.type === 'function' && isRecord(choice.function) && typeof choice.function.name === 'string') {
    return { type: 'tool', name: choice.function.name };
  }
  if (anthropicChoiceTypes.has(choice.type)) return choice as AnthropicToolChoice;
  throw new BadRequestError({
    message: `Anthropic cannot take tool_choice of type "${choice.type}" (use auto, required, none or a named function).`,
    param: 'tool_choice',
    code: 'unsupported_tool_choice',
  });
}
