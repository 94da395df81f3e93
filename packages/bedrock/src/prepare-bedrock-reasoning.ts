import {
  type ChatRequest,
  getModelInfo,
  isRecord,
  type ReasoningEffort,
  thinkingBudgetFor,
} from '@switchyard/core';
import type { BedrockModelFamily } from './bedrock-model-family.js';

export interface BedrockReasoning {
  /** What goes into `additionalModelRequestFields`. */
  fields: Record<string, unknown>;
  /** Thinking is on (Anthropic forbids forcing a tool then). */
  thinking: boolean;
  /** `maxTokens` to send instead of the requested one (room for the thinking budget). */
  maxTokens?: number;
  /** Nova's high effort requires temperature, topP and maxTokens unset. */
  unsetInferenceConfig?: boolean;
}

const DEFAULT_ANSWER_TOKENS = 4096;

function novaEffort(effort: Exclude<ReasoningEffort, 'none'>): 'low' | 'medium' | 'high' {
  if (effort === 'minimal' || effort === 'low') return 'low';
  return effort === 'medium' ? 'medium' : 'high';
}

/** Anthropic thinking: the budget for the effort, `maxTokens` raised so the answer still has room. */
function anthropicThinking(
  request: ChatRequest,
  model: string,
  maxTokens: number | undefined,
): BedrockReasoning {
  const explicit = isRecord(request.thinking) ? request.thinking : undefined;
  const effort = request.reasoning_effort;
  if (!explicit && (!effort || effort === 'none')) return { fields: {}, thinking: false };
  const thinking = explicit ?? { type: 'enabled', budget_tokens: thinkingBudgetFor(effort ?? 'medium') };
  if (thinking.type !== 'enabled' || typeof thinking.budget_tokens !== 'number') {
    return { fields: { thinking }, thinking: thinking.type === 'enabled' };
  }
  const budget = thinking.budget_tokens;
  const ceiling = getModelInfo(model, 'bedrock')?.max_output_tokens;
  const wanted =
    maxTokens === undefined
      ? budget + DEFAULT_ANSWER_TOKENS
      : maxTokens > budget
        ? maxTokens
        : budget + maxTokens;
  return { fields: { thinking }, thinking: true, maxTokens: ceiling ? Math.min(wanted, ceiling) : wanted };
}

/**
 * reasoning_effort in each model family's own terms: Anthropic `thinking` with a token budget
 * (an explicit Anthropic-style `thinking` object is passed as given), Amazon Nova
 * `reasoningConfig.maxReasoningEffort`, OpenAI's open-weight models `reasoning_effort`. Undefined
 * when the family has no reasoning switch Switchyard knows (the caller refuses or drops the param).
 */
export function prepareBedrockReasoning(
  request: ChatRequest,
  family: BedrockModelFamily,
  model: string,
  maxTokens: number | undefined,
): BedrockReasoning | undefined {
  const effort = request.reasoning_effort;
  if (family === 'anthropic') return anthropicThinking(request, model, maxTokens);
  if (!effort || effort === 'none') return { fields: {}, thinking: false };
  if (family === 'amazon-nova') {
    const maxReasoningEffort = novaEffort(effort);
    return {
      fields: { reasoningConfig: { type: 'enabled', maxReasoningEffort } },
      thinking: true,
      unsetInferenceConfig: maxReasoningEffort === 'high',
    };
  }
  if (family === 'openai') return { fields: { reasoning_effort: novaEffort(effort) }, thinking: true };
  return undefined;
}
