import type { ErrorReply } from '../../core/provider.js';
import { safeParseJson } from '../../core/safe-parse-json.js';
import { bedrockValidationError } from './bedrock-error.js';
import { isObject, validateContentBlocks } from './validate-converse-content.js';

/** The parts of a Converse request the mock's reply depends on. */
export interface ConverseRequestSummary {
  /** Text of the last user message (tool results included). */
  lastUserText: string;
  /** Text of the system prompt and every message, for the deterministic token count. */
  promptText: string;
  toolNames: string[];
  /** The tool `toolChoice` forces (`any` forces the first one), if any. */
  forcedToolName: string | undefined;
  /** Thinking was asked for (Anthropic `thinking`, Nova `reasoningConfig`). */
  reasoning: boolean;
  /** `outputConfig.textFormat`'s JSON schema, parsed. */
  outputSchema: Record<string, unknown> | undefined;
}

export type ConverseRequestResult =
  | { ok: true; request: ConverseRequestSummary }
  | { ok: false; error: ErrorReply };

const fail = (message: string): ConverseRequestResult => ({
  ok: false,
  error: bedrockValidationError(message),
});

/** Validates a Converse body the way Bedrock does for the fields the mock relies on. */
export function readConverseRequest(body: unknown): ConverseRequestResult {
  if (!isObject(body) || !Array.isArray(body.messages)) {
    return fail(
      "1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null",
    );
  }
  const messages = readMessages(body.messages);
  if (typeof messages === 'string') {
    return fail(messages);
  }
  const tools = readToolConfig(body.toolConfig, messages.hasToolBlocks);
  if (typeof tools === 'string') {
    return fail(tools);
  }
  const inference = validateInferenceConfig(body.inferenceConfig);
  const outputSchema = readOutputSchema(body.outputConfig);
  if (inference !== undefined || typeof outputSchema === 'string') {
    return fail(inference ?? String(outputSchema));
  }
  return {
    ok: true,
    request: {
      lastUserText: messages.lastUserText,
      promptText: [systemText(body.system), ...messages.texts].join(' '),
      ...tools,
      reasoning: asksForReasoning(body.additionalModelRequestFields),
      outputSchema,
    },
  };
}

interface MessagesSummary {
  texts: string[];
  lastUserText: string;
  hasToolBlocks: boolean;
}

function readMessages(messages: unknown[]): string | MessagesSummary {
  const summary: MessagesSummary = { texts: [], lastUserText: '', hasToolBlocks: false };
  if (messages.length === 0 || !isObject(messages[0]) || messages[0].role !== 'user') {
    return 'A conversation must start with a user message. Try again with a conversation that starts with a user message.';
  }
  for (const [index, message] of messages.entries()) {
    const role = isObject(message) ? message.role : undefined;
    if (role !== (index % 2 === 0 ? 'user' : 'assistant')) {
      return 'A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.';
    }
    const content = validateContentBlocks((message as Record<string, unknown>).content, index);
    if (typeof content === 'string') {
      return content;
    }
    summary.texts.push(content.text);
    summary.hasToolBlocks ||= content.hasToolBlocks;
    if (role === 'user') {
      summary.lastUserText = content.text;
    }
  }
  return summary;
}

function readToolConfig(
  toolConfig: unknown,
  hasToolBlocks: boolean,
): string | Pick<ConverseRequestSummary, 'toolNames' | 'forcedToolName'> {
  if (toolConfig === undefined) {
    return hasToolBlocks
      ? 'The toolConfig field must be defined when using toolUse and toolResult content blocks.'
      : { toolNames: [], forcedToolName: undefined };
  }
  const tools = isObject(toolConfig) && Array.isArray(toolConfig.tools) ? toolConfig.tools : [];
  const specs = tools.filter(isObject).flatMap((tool) => (isObject(tool.toolSpec) ? [tool.toolSpec] : []));
  if (specs.length === 0) {
    return "1 validation error detected: Value '[]' at 'toolConfig.tools' failed to satisfy constraint: Member must have length greater than or equal to 1";
  }
  for (const spec of specs) {
    const schema = isObject(spec.inputSchema) ? spec.inputSchema.json : undefined;
    if (typeof spec.name !== 'string' || !isObject(schema) || schema.type !== 'object') {
      return 'The value at toolConfig.tools.0.toolSpec.inputSchema.json.type must be object';
    }
  }
  const toolNames = specs.map((spec) => String(spec.name));
  const choice = isObject(toolConfig) && isObject(toolConfig.toolChoice) ? toolConfig.toolChoice : {};
  const named = isObject(choice.tool) && typeof choice.tool.name === 'string' ? choice.tool.name : undefined;
  if (named !== undefined && !toolNames.includes(named)) {
    return `The tool ${named} in toolChoice is not defined in toolConfig.tools.`;
  }
  return { toolNames, forcedToolName: named ?? ('any' in choice ? toolNames[0] : undefined) };
}

function validateInferenceConfig(config: unknown): string | undefined {
  if (config === undefined) {
    return undefined;
  }
  const inference = isObject(config) ? config : {};
  for (const field of ['temperature', 'topP'] as const) {
    const value = inference[field];
    if (value !== undefined && (typeof value !== 'number' || value < 0 || value > 1)) {
      return `1 validation error detected: Value '${String(value)}' at 'inferenceConfig.${field}' failed to satisfy constraint: Member must have value less than or equal to 1`;
    }
  }
  const maxTokens = inference.maxTokens;
  if (maxTokens !== undefined && (!Number.isInteger(maxTokens) || (maxTokens as number) < 1)) {
    return `1 validation error detected: Value '${String(maxTokens)}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1`;
  }
  return undefined;
}

function readOutputSchema(outputConfig: unknown): Record<string, unknown> | string | undefined {
  const format =
    isObject(outputConfig) && isObject(outputConfig.textFormat) ? outputConfig.textFormat : undefined;
  if (format === undefined) {
    return undefined;
  }
  const structure =
    isObject(format.structure) && isObject(format.structure.jsonSchema) ? format.structure.jsonSchema : {};
  const parsed = typeof structure.schema === 'string' ? safeParseJson(structure.schema) : undefined;
  if (format.type !== 'json_schema' || !parsed?.ok || !isObject(parsed.value)) {
    return "The value at outputConfig.textFormat must be of type 'json_schema' with a JSON schema string in structure.jsonSchema.schema.";
  }
  return parsed.value;
}

function systemText(system: unknown): string {
  const blocks = Array.isArray(system) ? system.filter(isObject) : [];
  return blocks.map((block) => (typeof block.text === 'string' ? block.text : '')).join(' ');
}

function asksForReasoning(fields: unknown): boolean {
  const additional = isObject(fields) ? fields : {};
  const enabled = (config: unknown) => isObject(config) && config.type === 'enabled';
  return (
    enabled(additional.thinking) || enabled(additional.reasoningConfig) || 'reasoning_effort' in additional
  );
}
