import { isRecord } from '@switchyard/core';

export interface SplitContent {
  /** The answer text; undefined when the content had none. */
  text: string | undefined;
  /** Thinking text (`thinking` chunks of Magistral and other reasoning models). */
  reasoning: string | undefined;
}

/**
 * Mistral's message or delta content, a string or a list of chunks, as answer text and reasoning
 * text: `text` chunks join into the answer, the text inside `thinking` chunks into the reasoning;
 * other chunks (references) carry no text.
 */
export function splitMistralContent(content: unknown): SplitContent {
  if (typeof content === 'string') return { text: content, reasoning: undefined };
  if (!Array.isArray(content)) return { text: undefined, reasoning: undefined };
  const text: string[] = [];
  const reasoning: string[] = [];
  for (const chunk of content) {
    if (!isRecord(chunk)) continue;
    if (chunk.type === 'text' && typeof chunk.text === 'string') text.push(chunk.text);
    if (chunk.type === 'thinking') reasoning.push(...thinkingTexts(chunk.thinking));
  }
  return {
    text: text.length > 0 ? text.join('') : undefined,
    reasoning: reasoning.length > 0 ? reasoning.join('') : undefined,
  };
}

function thinkingTexts(thinking: unknown): string[] {
  if (typeof thinking === 'string') return [thinking];
  if (!Array.isArray(thinking)) return [];
  return thinking.flatMap((part) =>
    isRecord(part) && part.type === 'text' && typeof part.text === 'string' ? [part.text] : [],
  );
}
