import { BadRequestError } from '../errors/error-classes.js';
import type {
  ChatMessage,
  ChatRequest,
  ChatTool,
  ToolChoice,
  UserContentPart,
} from '../schemas/chat-request.js';
import type { ResponseOutputItem } from './response-object.js';
import type {
  CreateResponseRequest,
  ResponseContentPart,
  ResponseInputItem,
  ResponseTool,
  ResponseToolChoice,
} from './response-request.js';

// A Responses request as a canonical chat request: instructions become a system message, input
// items become messages (consecutive function calls one assistant message with tool calls), and
// the Responses-only fields are renamed or removed.

/** Fields of CreateResponse that chat does not take under the same name (or at all). */
const responsesOnlyFields = [
  'input',
  'instructions',
  'max_output_tokens',
  'text',
  'reasoning',
  'store',
  'previous_response_id',
  'metadata',
  'truncation',
  'include',
  'background',
  'conversation',
  'prompt',
  'max_tool_calls',
  'stream_options',
  'top_logprobs',
] as const;

/** An item of a conversation: what the client sent, or what an earlier response produced. */
export type ConversationItem = ResponseInputItem | ResponseOutputItem;

/** The request's `input` as a list of items (a string is one user message). */
export function inputItemsOf(request: CreateResponseRequest): ResponseInputItem[] {
  return typeof request.input === 'string'
    ? [{ type: 'message', role: 'user', content: request.input }]
    : request.input;
}

function unsupported(message: string, param: string): BadRequestError {
  return new BadRequestError({ message, param, code: 'unsupported_value' });
}

type TextParts = ReadonlyArray<{ type: string; text?: unknown; refusal?: unknown }>;

function textOf(content: string | TextParts): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (part.type === 'input_text' || part.type === 'output_text') return String(part.text ?? '');
      if (part.type === 'refusal') return String(part.refusal ?? '');
      return '';
    })
    .join('');
}

function userPart(part: ResponseContentPart, param: string): UserContentPart {
  switch (part.type) {
    case 'input_text':
    case 'output_text':
      return { type: 'text', text: part.text };
    case 'refusal':
      return { type: 'text', text: part.refusal };
    case 'input_image': {
      if (part.image_url) {
        const image: { url: string; detail?: 'auto' | 'low' | 'high' } = { url: part.image_url };
        if (part.detail) image.detail = part.detail;
        return { type: 'image_url', image_url: image };
      }
      if (part.file_id) return { type: 'file', file: { file_id: part.file_id } };
      throw unsupported('An input_image needs an image_url or a file_id.', param);
    }
    case 'input_file': {
      const file: { file_id?: string; file_data?: string; filename?: string } = {};
      if (part.file_id) file.file_id = part.file_id;
      if (part.file_data) file.file_data = part.file_data;
      if (part.filename) file.filename = part.filename;
      if (!file.file_id && !file.file_data) {
        throw unsupported('An input_file needs a file_id or file_data (file_url is not supported).', param);
      }
      return { type: 'file', file };
    }
  }
}

function messageOf(
  item: Extract<ConversationItem, { role: string }>,
  param: string,
  reasoning: string | undefined,
): ChatMessage {
  const { role, content } = item;
  if (role === 'system' || role === 'developer') return { role, content: textOf(content) };
  if (role === 'assistant') {
    const message: ChatMessage = { role: 'assistant', content: textOf(content) };
    if (reasoning !== undefined) message.reasoning_content = reasoning;
    return message;
  }
  if (typeof content === 'string') return { role: 'user', content };
  return {
    role: 'user',
    content: content.map((part, index) => userPart(part, `${param}.content[${index}]`)),
  };
}

/** The conversation's items as chat messages, in order. */
export function toChatMessages(items: ReadonlyArray<ConversationItem>, firstParamIndex = 0): ChatMessage[] {
  const messages: ChatMessage[] = [];
  // Reasoning of the turn so far, carried onto the assistant message that follows it.
  let reasoning: string | undefined;
  items.forEach((item, index) => {
    const param = `input[${index - firstParamIndex}]`;
    const last = messages[messages.length - 1];
    if (item.type === 'reasoning') {
      const text = (item.content ?? []).map((part) => part.text).join('');
      if (text !== '') reasoning = (reasoning ?? '') + text;
    } else if (item.type === 'function_call') {
      const call = {
        id: item.call_id,
        type: 'function' as const,
        function: { name: item.name, arguments: item.arguments },
      };
      if (last?.role === 'assistant') last.tool_calls = [...(last.tool_calls ?? []), call];
      else {
        const message: ChatMessage = { role: 'assistant', content: null, tool_calls: [call] };
        if (reasoning !== undefined) message.reasoning_content = reasoning;
        messages.push(message);
      }
      reasoning = undefined;
    } else if (item.type === 'function_call_output') {
      messages.push({ role: 'tool', tool_call_id: item.call_id, content: textOf(item.output) });
    } else if ('role' in item) {
      messages.push(messageOf(item, param, item.role === 'assistant' ? reasoning : undefined));
      if (item.role === 'assistant') reasoning = undefined;
    } else {
      throw unsupported(
        `Input items of type "${(item as { type: string }).type}" are not supported.`,
        `${param}.type`,
      );
    }
  });
  return messages;
}

function chatTool(tool: ResponseTool, index: number): ChatTool {
  if (tool.type !== 'function' || !('name' in tool) || typeof tool.name !== 'string') {
    throw unsupported(
      `Tools of type "${tool.type}" are not supported: this gateway bridges responses through chat, which takes function tools only.`,
      `tools[${index}].type`,
    );
  }
  const { type: _type, name, description, parameters, strict, ...rest } = tool;
  const fn: Extract<ChatTool, { function: unknown }>['function'] = { ...rest, name };
  if (description != null) fn.description = description as string;
  if (parameters != null) fn.parameters = parameters as Record<string, unknown>;
  if (strict != null) fn.strict = strict as boolean;
  return { type: 'function', function: fn };
}

function chatToolChoice(choice: ResponseToolChoice): ToolChoice {
  if (typeof choice === 'string') return choice;
  if (choice.type === 'function' && typeof choice.name === 'string') {
    return { type: 'function', function: { name: choice.name } };
  }
  throw unsupported(`tool_choice of type "${choice.type}" is not supported.`, 'tool_choice.type');
}

function responseFormat(format: NonNullable<NonNullable<CreateResponseRequest['text']>['format']>) {
  if (format.type !== 'json_schema') return { type: format.type };
  const { type: _type, name, description, schema, strict, ...rest } = format;
  const jsonSchema: Record<string, unknown> = { ...rest, name, schema };
  if (description != null) jsonSchema.description = description;
  if (strict != null) jsonSchema.strict = strict;
  return { type: 'json_schema' as const, json_schema: jsonSchema as { name: string } };
}

/**
 * The chat request for a Responses request, after the earlier conversation (`previousItems`:
 * the input and output items of the response named by previous_response_id, oldest first).
 * Unknown fields are carried over, as chat forwards them to providers that accept them.
 */
export function toChatRequest(
  request: CreateResponseRequest,
  previousItems: ReadonlyArray<ConversationItem> = [],
): ChatRequest {
  const chat: Record<string, unknown> = { ...request };
  for (const name of responsesOnlyFields) delete chat[name];
  const messages: ChatMessage[] = [];
  if (request.instructions) messages.push({ role: 'system', content: request.instructions });
  messages.push(...toChatMessages([...previousItems, ...inputItemsOf(request)], previousItems.length));
  if (!messages.some((message) => message.role !== 'system')) {
    throw new BadRequestError({
      message: 'The input is empty: send at least one input item.',
      param: 'input',
    });
  }
  chat.messages = messages;
  if (request.tools) {
    if (request.tools.length === 0) delete chat.tools;
    else chat.tools = request.tools.map(chatTool);
  }
  if (request.tool_choice !== undefined) chat.tool_choice = chatToolChoice(request.tool_choice);
  if (request.max_output_tokens != null) chat.max_completion_tokens = request.max_output_tokens;
  if (request.text?.format) chat.response_format = responseFormat(request.text.format);
  if (request.reasoning?.effort) chat.reasoning_effort = request.reasoning.effort;
  if (request.user == null) delete chat.user;
  return chat as ChatRequest;
}
