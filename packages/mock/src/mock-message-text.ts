import { type ChatMessage, isRecord } from '@switchyard/core';

/** Placeholders for non-text parts, so they count towards usage and show up in replies. */
const placeholders: Record<string, string> = {
  image_url: '[image]',
  input_audio: '[audio]',
  file: '[file]',
};

/**
 * The text of one message: string content, text and refusal parts, placeholders for images, audio
 * and files, and the names and arguments of an assistant's tool calls. Parts are joined by spaces.
 */
export function messageText(message: ChatMessage): string {
  const pieces: string[] = [];
  const content: unknown = message.content;
  if (typeof content === 'string') pieces.push(content);
  if (Array.isArray(content)) {
    for (const part of content) {
      const text = partText(part);
      if (text !== undefined) pieces.push(text);
    }
  }
  if (message.role === 'assistant') {
    for (const call of message.tool_calls ?? []) pieces.push(call.function.name, call.function.arguments);
  }
  return pieces.join(' ');
}

/** The text of the last user message with whitespace collapsed, or '' when there is none. */
export function lastUserText(messages: readonly ChatMessage[]): string {
  const last = messages.findLast((message) => message.role === 'user');
  return last === undefined ? '' : messageText(last).replace(/\s+/g, ' ').trim();
}

/** All message text of a conversation, one message a line (what the prompt token estimate reads). */
export function conversationText(messages: readonly ChatMessage[]): string {
  return messages.map(messageText).join('\n');
}

function partText(part: unknown): string | undefined {
  if (!isRecord(part) || typeof part.type !== 'string') return undefined;
  if (part.type === 'text' && typeof part.text === 'string') return part.text;
  if (part.type === 'refusal' && typeof part.refusal === 'string') return part.refusal;
  return placeholders[part.type];
}
