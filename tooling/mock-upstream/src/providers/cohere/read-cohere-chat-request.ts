import type { ErrorReply } from '../../core/provider.js';
import { cohereError } from './cohere-error.js';

export interface CohereChatMessage {
  role: 'system' | 'user' | 'assistant' | 'tool';
  /** Text of the message: the content string, or its text parts joined with spaces. */
  text: string;
}

/** The parts of a `POST /v2/chat` body the mock reads. */
export interface CohereChatRequest {
  model: string;
  messages: CohereChatMessage[];
  stream: boolean;
  toolNames: string[];
  /** `tool_choice: "REQUIRED"` forces a call of the first tool. */
  toolsRequired: boolean;
  /** `thinking.type` is `enabled` (reasoning models think by default; the mock only when asked). */
  thinking: boolean;
}

export type CohereChatRequestResult =
  | { ok: true; request: CohereChatRequest }
  | { ok: false; error: ErrorReply };

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const roles = new Set(['system', 'user', 'assistant', 'tool']);
const toolChoices = new Set(['REQUIRED', 'NONE']);

/**
 * Validates a chat body the way Cohere's v2 API does for the fields the mock relies on: the model,
 * the message roles (v2 knows no `developer` or `function`), tool results naming their call, and
 * the upper-case tool choice. Catching these here is what lets provider tests trust the mock.
 */
export function readCohereChatRequest(body: unknown): CohereChatRequestResult {
  if (!isObject(body)) {
    return fail('invalid request: the request body must be a JSON object.');
  }
  if (typeof body.model !== 'string' || body.model === '') {
    return fail('invalid request: model must be specified.');
  }
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    return fail('invalid request: messages must not be empty.');
  }
  const messages: CohereChatMessage[] = [];
  for (const [index, message] of body.messages.entries()) {
    const read = readMessage(message, index);
    if (typeof read === 'string') return fail(read);
    messages.push(read);
  }
  const toolNames = readToolNames(body.tools);
  const toolChoice = body.tool_choice;
  if (toolChoice !== undefined && toolChoice !== null && !toolChoices.has(String(toolChoice))) {
    return fail(
      `invalid request: tool_choice must be one of REQUIRED, NONE - received ${JSON.stringify(toolChoice)}.`,
    );
  }
  if (toolChoice === 'REQUIRED' && toolNames.length === 0) {
    return fail('invalid request: tool_choice REQUIRED needs at least one tool.');
  }
  return {
    ok: true,
    request: {
      model: body.model,
      messages,
      stream: body.stream === true,
      toolNames,
      toolsRequired: toolChoice === 'REQUIRED',
      thinking: isObject(body.thinking) && body.thinking.type === 'enabled',
    },
  };
}

function fail(message: string): CohereChatRequestResult {
  return { ok: false, error: cohereError(400, message) };
}

function readMessage(message: unknown, index: number): CohereChatMessage | string {
  if (!isObject(message) || typeof message.role !== 'string' || !roles.has(message.role)) {
    const role = isObject(message) ? JSON.stringify(message.role) : 'missing';
    return `invalid request: messages[${index}].role must be one of system, user, assistant, tool - received ${role}.`;
  }
  if (message.role === 'tool' && typeof message.tool_call_id !== 'string') {
    return `invalid request: messages[${index}].tool_call_id is required for tool messages.`;
  }
  return { role: message.role as CohereChatMessage['role'], text: textOf(message.content) };
}

function textOf(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(isObject)
    .map((part) => part.text)
    .filter((text): text is string => typeof text === 'string')
    .join(' ');
}

function readToolNames(tools: unknown): string[] {
  if (!Array.isArray(tools)) return [];
  return tools
    .filter(isObject)
    .map((tool) => (isObject(tool.function) ? tool.function.name : undefined))
    .filter((name): name is string => typeof name === 'string');
}
