import type { ErrorReply } from '../../core/provider.js';
import { anthropicError } from './anthropic-error.js';
import { isObject, readAnthropicMessages } from './read-anthropic-messages.js';

/** The parts of a Messages API request the mock reads. */
export interface AnthropicMessagesRequest {
  model: string;
  /** Absent only where not required (`count_tokens`). */
  maxTokens: number | undefined;
  stream: boolean;
  /** Text of the system prompt, the messages' text blocks and tool results (the prompt's tokens). */
  promptTexts: string[];
  /** Text of the last user turn, which the default reply quotes. */
  lastUserText: string;
  toolNames: string[];
  /** The tool `tool_choice` forces (`any` forces the first tool), if any. */
  forcedToolName: string | undefined;
  /** `thinking` is `enabled` or `adaptive`. */
  thinking: boolean;
  /** A JSON schema constrains the answer (`output_config.format`, or the older `output_format`). */
  jsonOutput: boolean;
}

export type AnthropicMessagesRequestResult =
  | { ok: true; request: AnthropicMessagesRequest }
  | { ok: false; error: ErrorReply };

export interface ReadOptions {
  /** `max_tokens` is required by `POST /v1/messages`, not by `count_tokens`. */
  requireMaxTokens: boolean;
}

/** Validates a Messages API body the way Anthropic does for the fields adapters get wrong. */
export function readAnthropicMessagesRequest(
  body: unknown,
  options: ReadOptions,
): AnthropicMessagesRequestResult {
  if (!isObject(body)) {
    return fail('Input should be a valid dictionary');
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return fail('model: Field required');
  }
  const maxTokens = body.max_tokens;
  if (maxTokens === undefined ? options.requireMaxTokens : !isInteger(maxTokens, 0)) {
    return fail(
      maxTokens === undefined
        ? 'max_tokens: Field required'
        : 'max_tokens: Input should be a valid integer >= 0',
    );
  }
  if (!Array.isArray(body.messages)) {
    return fail('messages: Field required');
  }
  const system = systemTexts(body.system);
  if (system === undefined) {
    return fail('system: Input should be a valid string or a list of text blocks');
  }
  for (const name of ['temperature', 'top_p'] as const) {
    const value = body[name];
    if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 1)) {
      return fail(`${name}: range: 0..1`);
    }
  }
  const messages = readAnthropicMessages(body.messages);
  if ('status' in messages) {
    return { ok: false, error: messages };
  }
  const tools = readToolNames(body.tools);
  if (typeof tools === 'string') {
    return fail(tools);
  }
  const choice = readToolChoice(body.tool_choice, tools);
  if (typeof choice === 'string') {
    return fail(choice);
  }
  const thinking = readThinking(body.thinking, typeof maxTokens === 'number' ? maxTokens : undefined);
  if (typeof thinking === 'string') {
    return fail(thinking);
  }
  if (thinking && choice.forces) {
    return fail('Thinking may not be enabled when tool_choice forces tool use.');
  }
  const jsonOutput = readJsonOutput(body);
  if (typeof jsonOutput === 'string') {
    return fail(jsonOutput);
  }
  return {
    ok: true,
    request: {
      model: body.model,
      maxTokens: typeof maxTokens === 'number' ? maxTokens : undefined,
      stream: body.stream === true,
      promptTexts: [...system, ...messages.texts],
      lastUserText: messages.lastUserText,
      toolNames: tools,
      forcedToolName: choice.forcedToolName,
      thinking,
      jsonOutput,
    },
  };
}

function fail(message: string): AnthropicMessagesRequestResult {
  return { ok: false, error: anthropicError(400, message) };
}

function isInteger(value: unknown, min: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min;
}

function systemTexts(system: unknown): string[] | undefined {
  if (system === undefined) {
    return [];
  }
  if (typeof system === 'string') {
    return [system];
  }
  if (!Array.isArray(system) || !system.every((block) => isObject(block) && block.type === 'text')) {
    return undefined;
  }
  return system.map((block) => String((block as { text: unknown }).text ?? ''));
}

/** Names of the tools; custom tools (no `type`, or `custom`) need a name and an object input_schema. */
function readToolNames(tools: unknown): string[] | string {
  if (tools === undefined) {
    return [];
  }
  if (!Array.isArray(tools)) {
    return 'tools: Input should be a valid list';
  }
  const names: string[] = [];
  for (const [index, tool] of tools.entries()) {
    if (!isObject(tool) || typeof tool.name !== 'string' || tool.name === '') {
      return `tools.${index}.name: Field required`;
    }
    const custom = tool.type === undefined || tool.type === 'custom';
    if (custom && (!isObject(tool.input_schema) || tool.input_schema.type !== 'object')) {
      return `tools.${index}.custom.input_schema: Input should be an object schema ({"type": "object", …})`;
    }
    names.push(tool.name);
  }
  return names;
}

function readToolChoice(
  choice: unknown,
  toolNames: string[],
): { forces: boolean; forcedToolName: string | undefined } | string {
  if (choice === undefined) {
    return { forces: false, forcedToolName: undefined };
  }
  if (!isObject(choice) || !['auto', 'any', 'tool', 'none'].includes(String(choice.type))) {
    return "tool_choice: Input tag found using 'type' does not match any of the expected tags: 'auto', 'any', 'tool', 'none'";
  }
  if (toolNames.length === 0 && choice.type !== 'none') {
    return 'tool_choice may only be specified while providing tools.';
  }
  if (choice.type === 'tool') {
    if (typeof choice.name !== 'string' || !toolNames.includes(choice.name)) {
      return `tool_choice.tool.name: no tool named ${JSON.stringify(choice.name)} in tools`;
    }
    return { forces: true, forcedToolName: choice.name };
  }
  if (choice.type === 'any') {
    return { forces: true, forcedToolName: toolNames[0] };
  }
  return { forces: false, forcedToolName: undefined };
}

/** Whether thinking is on; `enabled` needs a budget of at least 1024 tokens, below `max_tokens`. */
function readThinking(thinking: unknown, maxTokens: number | undefined): boolean | string {
  if (thinking === undefined) {
    return false;
  }
  if (!isObject(thinking) || !['enabled', 'disabled', 'adaptive'].includes(String(thinking.type))) {
    return "thinking: Input tag found using 'type' does not match any of the expected tags: 'enabled', 'disabled', 'adaptive'";
  }
  if (thinking.type !== 'enabled') {
    return thinking.type === 'adaptive';
  }
  const budget = thinking.budget_tokens;
  if (!isInteger(budget, 1024)) {
    return 'thinking.enabled.budget_tokens: Input should be greater than or equal to 1024';
  }
  if (maxTokens !== undefined && maxTokens <= budget) {
    return '`max_tokens` must be greater than `thinking.budget_tokens`. Please consult our documentation at https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size';
  }
  return true;
}

function readJsonOutput(body: Record<string, unknown>): boolean | string {
  const format = isObject(body.output_config) ? body.output_config.format : body.output_format;
  if (format === undefined || format === null) {
    return false;
  }
  if (!isObject(format) || format.type !== 'json_schema') {
    return "output_config.format.type: Input should be 'json_schema'";
  }
  return isObject(format.schema) ? true : 'output_config.format.schema: Field required';
}
