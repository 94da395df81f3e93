import type { ChatMessage } from '@switchyard/core';

/** The text of one message: string content, or its text (and refusal) parts joined by spaces. */
export function messageText(message: ChatMessage): string {
  const content = message.content;
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  const pieces: string[] = [];
  for (const part of content) {
    if (part.type === 'text') pieces.push(part.text);
    else if (part.type === 'refusal') pieces.push(part.refusal);
  }
  return pieces.join(' ');
}

/** The text of the last user message, or undefined when the conversation has none. */
export function lastUserText(messages: readonly ChatMessage[]): string | undefined {
  const last = messages.findLast((message) => message.role === 'user');
  return last === undefined ? undefined : messageText(last);
}
