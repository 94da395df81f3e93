import type { ChatRequest } from './schemas/chat-request.js';

export type ReasoningEffort = NonNullable<ChatRequest['reasoning_effort']>;

// Thinking-token budgets for providers that take a budget rather than an effort level (Anthropic
// thinking, Gemini thinkingBudget, Bedrock reasoning). litellm's defaults: low 1024, medium 2048,
// high 4096; Anthropic's minimum budget is 1024.
const budgets: Record<Exclude<ReasoningEffort, 'none'>, number> = {
  minimal: 1024,
  low: 1024,
  medium: 2048,
  high: 4096,
  xhigh: 8192,
  max: 16_384,
};

/** The thinking budget for an effort; 0 for `none` (thinking off). */
export function thinkingBudgetFor(effort: ReasoningEffort): number {
  return effort === 'none' ? 0 : budgets[effort];
}
