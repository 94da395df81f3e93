import type { StoredResponse } from './response-store.js';
import type { ConversationItem } from './to-chat-request.js';

// A conversation the chat bridge stored, continued on a deployment that speaks the Responses API
// natively: the upstream has never seen the earlier turns, so they are sent as input items in
// place of `previous_response_id`, in the forms OpenAI accepts as input.

type TextParts = ReadonlyArray<{ type: string; text?: unknown; refusal?: unknown }>;

function textOf(content: string | TextParts): string {
  if (typeof content === 'string') return content;
  return content
    .map((part) => {
      if (typeof part.text === 'string') return part.text;
      return typeof part.refusal === 'string' ? part.refusal : '';
    })
    .join('');
}

/**
 * One stored item as native input: messages without the bridge's ids (assistant turns as text),
 * function calls and their outputs by `call_id`. Reasoning is left out unless it carries
 * `encrypted_content`, the only form an upstream takes back without having stored it.
 */
function asNativeInput(item: ConversationItem): Record<string, unknown>[] {
  switch (item.type) {
    case 'reasoning':
      return 'encrypted_content' in item && typeof item.encrypted_content === 'string' ? [{ ...item }] : [];
    case 'function_call':
      return [{ type: 'function_call', call_id: item.call_id, name: item.name, arguments: item.arguments }];
    case 'function_call_output':
      return [{ type: 'function_call_output', call_id: item.call_id, output: item.output }];
    default: {
      if (!('role' in item)) return [];
      if (item.role === 'assistant') return [{ role: 'assistant', content: textOf(item.content) }];
      const { id: _id, status: _status, ...message } = item as Record<string, unknown>;
      return [message];
    }
  }
}

/** The stored conversation (earlier input, then the response's own output) as native input items. */
export function conversationAsInput(stored: StoredResponse): Record<string, unknown>[] {
  return [...stored.items, ...stored.response.output].flatMap(asNativeInput);
}

/**
 * The request body continued natively: `previous_response_id` (a response the chat bridge stored)
 * replaced by its conversation, followed by this request's own input.
 */
export function continuedFrom(
  body: Record<string, unknown>,
  stored: StoredResponse,
): Record<string, unknown> {
  const { previous_response_id: _previous, ...rest } = body;
  const own = typeof body.input === 'string' ? [{ role: 'user', content: body.input }] : body.input;
  return { ...rest, input: [...conversationAsInput(stored), ...(Array.isArray(own) ? own : [])] };
}
