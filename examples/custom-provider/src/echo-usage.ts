import { type ChatMessage, makeUsage, type Usage } from '@switchyard/core';
import { messageText } from './message-text.js';

/** Characters per token in the estimate (the usual rule of thumb for English text). */
export const charactersPerToken = 4;

/** Estimated tokens in `text`: one per 4 characters (code points), rounded up; 0 for no text. */
export function estimateTokens(text: string): number {
  return Math.ceil(Array.from(text).length / charactersPerToken);
}

/**
 * Usage of an echo answer: the prompt is every message's text, the completion is the answer of
 * every choice (total = prompt + completion).
 */
export function echoUsage(messages: readonly ChatMessage[], answer: string, choices: number): Usage {
  return makeUsage({
    promptTokens: estimateTokens(messages.map(messageText).join('\n')),
    completionTokens: estimateTokens(answer) * choices,
  });
}
