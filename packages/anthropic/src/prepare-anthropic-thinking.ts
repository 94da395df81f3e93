import { isRecord, type ReasoningEffort, thinkingBudgetFor } from '@switchyard/core';
import type { AnthropicThinkingConfig } from './anthropic-api-types.js';
import type { AnthropicModelFeatures } from './anthropic-model-features.js';

export interface AnthropicThinking {
  thinking?: AnthropicThinkingConfig | Record<string, unknown>;
  /** `output_config.effort`, with adaptive thinking. */
  effort?: string;
  /** The thinking budget, which `max_tokens` must exceed. */
  budgetTokens?: number;
}

/** Anthropic's effort levels are low, medium, high, xhigh and max; `minimal` is its lowest. */
const effortLevels: Record<Exclude<ReasoningEffort, 'none'>, string> = {
  minimal: 'low',
  low: 'low',
  medium: 'medium',
  high: 'high',
  xhigh: 'xhigh',
  max: 'max',
};

/**
 * Extended thinking for a request: a `thinking` object given as is (Anthropic's own parameter)
 * wins; otherwise `reasoning_effort` becomes `thinking: {type: 'enabled', budget_tokens}` with
 * core's budget for the effort, or, on models that only think adaptively, `thinking: {type:
 * 'adaptive'}` with the effort as `output_config.effort`. `none` leaves thinking off.
 */
export function prepareAnthropicThinking(
  request: { reasoning_effort?: ReasoningEffort | null; thinking?: unknown },
  features: AnthropicModelFeatures,
): AnthropicThinking {
  if (isRecord(request.thinking)) {
    const budget = request.thinking.budget_tokens;
    return {
      thinking: request.thinking,
      ...(request.thinking.type === 'enabled' && typeof budget === 'number' ? { budgetTokens: budget } : {}),
    };
  }
  const effort = request.reasoning_effort;
  if (!effort || effort === 'none') return {};
  if (features.adaptiveThinkingOnly) return { thinking: { type: 'adaptive' }, effort: effortLevels[effort] };
  const budgetTokens = thinkingBudgetFor(effort);
  return { thinking: { type: 'enabled', budget_tokens: budgetTokens }, budgetTokens };
}
