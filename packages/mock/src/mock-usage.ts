import { type ChatRequest, makeUsage, type Usage } from '@switchyard/core';
import { conversationText } from './mock-message-text.js';

/** Characters per token in the estimate (the usual rule of thumb for English text). */
export const charactersPerToken = 4;

/** Estimated tokens in `text`: one per 4 characters, rounded up, at least 1. */
export function estimateTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / charactersPerToken));
}

/** The longest prefix of `text` whose estimate is at most `maxTokens`. */
export function truncateToTokens(text: string, maxTokens: number): string {
  return text.slice(0, Math.max(0, maxTokens) * charactersPerToken);
}

/** Estimated prompt tokens of a chat request: all message text. */
export function estimatePromptTokens(request: Pick<ChatRequest, 'messages'>): number {
  return estimateTokens(conversationText(request.messages));
}

/**
 * Usage of a mock answer: the prompt estimate and the completion tokens of every choice
 * (total = prompt + completion).
 */
export function mockUsage(
  request: Pick<ChatRequest, 'messages'>,
  completionTokensPerChoice: number,
  choices: number,
): Usage {
  return makeUsage({
    promptTokens: estimatePromptTokens(request),
    completionTokens: completionTokensPerChoice * choices,
  });
}
