import type { ErrorReply } from '../../core/provider.js';
import {
  extraForbidden,
  invalidValue,
  type MistralValidationDetail,
  missingField,
  mistralError,
} from './mistral-error.js';

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// The fields each message role and content chunk defines; Mistral's request models forbid others.
const messageFields: Record<string, readonly string[]> = {
  system: ['role', 'content'],
  user: ['role', 'content'],
  assistant: ['role', 'content', 'tool_calls', 'prefix'],
  tool: ['role', 'content', 'tool_call_id', 'name'],
};
const chunkFields: Record<string, readonly string[]> = {
  text: ['type', 'text'],
  image_url: ['type', 'image_url'],
  document_url: ['type', 'document_url', 'document_name'],
  file: ['type', 'file_id'],
  input_audio: ['type', 'input_audio'],
  thinking: ['type', 'thinking', 'closed'],
  reference: ['type', 'reference_ids'],
};
const toolCallFields = ['id', 'type', 'function', 'index'];
const toolCallId = /^[a-zA-Z0-9]{9}$/;

/** Pydantic-level checks of `messages`: known roles, no extra fields, well-formed chunks. */
export function validateMistralMessages(messages: unknown[]): MistralValidationDetail[] {
  return messages.flatMap((message, index) => validateMessage(message, index));
}

function validateMessage(message: unknown, index: number): MistralValidationDetail[] {
  const role = isObject(message) ? message.role : undefined;
  const fields = typeof role === 'string' ? messageFields[role] : undefined;
  if (!isObject(message) || role === undefined || fields === undefined) {
    return [
      invalidValue(
        ['messages', index],
        "Input tag does not match any of the expected tags: 'assistant', 'system', 'tool', 'user'",
        message,
      ),
    ];
  }
  const details = extraFields(message, fields, ['messages', index, role as string]);
  if (!('content' in message) && role !== 'assistant') {
    details.push(missingField(['messages', index, role as string, 'content'], message));
  }
  if (Array.isArray(message.content)) {
    message.content.forEach((chunk, position) => {
      details.push(...validateChunk(chunk, ['messages', index, role as string, 'content', position]));
    });
  }
  if (Array.isArray(message.tool_calls)) {
    message.tool_calls.forEach((call, position) => {
      const loc = ['messages', index, 'assistant', 'tool_calls', position];
      if (!isObject(call) || !isObject(call.function)) {
        details.push(missingField([...loc, 'function'], call));
      } else {
        details.push(...extraFields(call, toolCallFields, loc));
      }
    });
  }
  return details;
}

function validateChunk(chunk: unknown, loc: Array<string | number>): MistralValidationDetail[] {
  const type = isObject(chunk) ? chunk.type : undefined;
  const fields = typeof type === 'string' ? chunkFields[type] : undefined;
  if (!isObject(chunk) || fields === undefined) {
    return [invalidValue(loc, `Input tag '${String(type)}' does not match any of the expected tags`, chunk)];
  }
  const details = extraFields(chunk, fields, [...loc, type as string]);
  if (type === 'image_url' && !isImageUrl(chunk.image_url)) {
    details.push(invalidValue([...loc, 'image_url', 'image_url'], 'Input should be a valid string', chunk));
  }
  return details;
}

function isImageUrl(value: unknown): boolean {
  return typeof value === 'string' || (isObject(value) && typeof value.url === 'string');
}

export function extraFields(
  value: JsonObject,
  allowed: readonly string[],
  loc: Array<string | number>,
): MistralValidationDetail[] {
  return Object.keys(value)
    .filter((key) => !allowed.includes(key))
    .map((key) => extraForbidden([...loc, key], value[key]));
}

/**
 * The checks Mistral applies after validation, answered with 400s in its envelope: tool call ids of
 * nine alphanumerics, the role order its chat templates accept, and a last message it can answer.
 */
export function checkMistralConversation(messages: JsonObject[]): ErrorReply | undefined {
  for (const [index, message] of messages.entries()) {
    const previous = messages[index - 1]?.role;
    const idError = checkToolCallIds(message);
    if (idError) return idError;
    if (
      (previous === 'tool' && message.role === 'user') ||
      (previous === 'user' && message.role === 'tool')
    ) {
      return messageOrderError(`Unexpected role '${String(message.role)}' after role '${previous}'`);
    }
    if (message.role === 'assistant' && isEmpty(message.content) && !hasItems(message.tool_calls)) {
      return mistralError(400, 'Assistant message must have either content or tool_calls, but not none.', {
        type: 'invalid_request_message',
        code: '3240',
      });
    }
  }
  const last = messages.at(-1);
  if (last?.role === 'assistant' && last.prefix !== true) {
    return messageOrderError(
      'Expected last role User or Tool (or Assistant with prefix True) for serving but got assistant',
    );
  }
  return undefined;
}

function checkToolCallIds(message: JsonObject): ErrorReply | undefined {
  const ids = [
    ...(Array.isArray(message.tool_calls) ? message.tool_calls.filter(isObject).map((call) => call.id) : []),
    ...(message.role === 'tool' && message.tool_call_id !== undefined ? [message.tool_call_id] : []),
  ];
  const bad = ids.find((id) => typeof id !== 'string' || !toolCallId.test(id));
  if (bad === undefined) return undefined;
  return mistralError(400, `Tool call id was ${String(bad)} but must be a-z, A-Z, 0-9, with a length of 9.`, {
    type: 'invalid_function_call',
    code: '3280',
  });
}

function messageOrderError(message: string): ErrorReply {
  return mistralError(400, message, { type: 'invalid_request_message_order', code: '3230' });
}

function isEmpty(content: unknown): boolean {
  return (
    content === undefined ||
    content === null ||
    content === '' ||
    (Array.isArray(content) && content.length === 0)
  );
}

function hasItems(value: unknown): boolean {
  return Array.isArray(value) && value.length > 0;
}
