import type { FinishReason } from '@switchyard/core';

// Gemini's Candidate.FinishReason values. Everything a safety or policy system stopped maps to
// content_filter; reasons without an OpenAI counterpart end the answer normally.
const finishReasons: Readonly<Record<string, FinishReason>> = {
  STOP: 'stop',
  MAX_TOKENS: 'length',
  SAFETY: 'content_filter',
  RECITATION: 'content_filter',
  BLOCKLIST: 'content_filter',
  PROHIBITED_CONTENT: 'content_filter',
  SPII: 'content_filter',
  IMAGE_SAFETY: 'content_filter',
  IMAGE_PROHIBITED_CONTENT: 'content_filter',
  IMAGE_RECITATION: 'content_filter',
  MODEL_ARMOR: 'content_filter',
};

/** OpenAI's finish reason for a Gemini candidate; a candidate that called functions ends in tool_calls. */
export function mapGeminiFinishReason(reason: unknown, hasToolCalls: boolean): FinishReason {
  if (hasToolCalls) return 'tool_calls';
  return (typeof reason === 'string' ? finishReasons[reason] : undefined) ?? 'stop';
}
