import type { ErrorReply } from '../../core/provider.js';
import { openAIError } from './openai-error.js';

export interface OpenAIChatMessage {
  role: string;
  /** Text of the message: the content string, or its text parts joined with spaces. */
  text: string;
}

/** The parts of a chat completion request the mock reads. */
export interface OpenAIChatRequest {
  model: string;
  messages: OpenAIChatMessage[];
  n: number;
  stream: boolean;
  includeUsage: boolean;
  toolNames: string[];
  /** The function `tool_choice` forces ("required" forces the first tool), if any. */
  forcedToolName: string | undefined;
  serviceTier: string | undefined;
}

export type OpenAIChatRequestResult =
  | { ok: true; request: OpenAIChatRequest }
  | { ok: false; error: ErrorReply };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Validates a chat completion body the way OpenAI does for the fields the mock relies on. */
export function readOpenAIChatRequest(body: unknown): OpenAIChatRequestResult {
  if (!isObject(body)) {
    return fail(openAIError(400, 'Invalid type for request body: expected an object.'));
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return fail(openAIError(400, 'you must provide a model parameter'));
  }
  if (!Array.isArray(body.messages)) {
    return fail(
      openAIError(400, "Missing required parameter: 'messages'.", {
        param: 'messages',
        code: 'missing_required_parameter',
      }),
    );
  }
  const n = body.n ?? 1;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 128) {
    return fail(
      openAIError(400, `Invalid 'n': expected an integer between 1 and 128, got ${JSON.stringify(n)}.`, {
        param: 'n',
        code: 'invalid_value',
      }),
    );
  }
  const toolNames = readToolNames(body.tools);
  return {
    ok: true,
    request: {
      model: body.model,
      messages: body.messages.filter(isObject).map(readMessage),
      n,
      stream: body.stream === true,
      includeUsage: isObject(body.stream_options) && body.stream_options.include_usage === true,
      toolNames,
      forcedToolName: readForcedToolName(body.tool_choice, toolNames),
      serviceTier: typeof body.service_tier === 'string' ? body.service_tier : undefined,
    },
  };
}

function fail(error: ErrorReply): OpenAIChatRequestResult {
  return { ok: false, error };
}

function readMessage(message: JsonObject): OpenAIChatMessage {
  const role = typeof message.role === 'string' ? message.role : 'user';
  const content = message.content;
  if (typeof content === 'string') {
    return { role, text: content };
  }
  const parts = Array.isArray(content) ? content.filter(isObject) : [];
  const texts = parts.map((part) => part.text).filter((text): text is string => typeof text === 'string');
  return { role, text: texts.join(' ') };
}

function readToolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) {
    return [];
  }
  return tools
    .filter(isObject)
    .map((tool) => (isObject(tool.function) ? tool.function.name : undefined))
    .filter((name): name is string => typeof name === 'string');
}

function readForcedToolName(toolChoice: unknown, toolNames: string[]): string | undefined {
  if (toolNames.length === 0) {
    return undefined;
  }
  if (toolChoice === 'required') {
    return toolNames[0];
  }
  if (isObject(toolChoice) && isObject(toolChoice.function) && typeof toolChoice.function.name === 'string') {
    return toolChoice.function.name;
  }
  return undefined;
}
