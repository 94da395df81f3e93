import type { OpenAIUsage } from './openai-usage.js';
import type { OpenAIChatPlan, OpenAIToolCallPlan } from './plan-openai-chat-completion.js';

export interface OpenAIToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/** A `chat.completion` object, shaped as OpenAI's API returns it. */
export interface OpenAIChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: {
      role: 'assistant';
      content: string | null;
      refusal: null;
      tool_calls?: OpenAIToolCall[];
    };
    logprobs: null;
    finish_reason: string;
  }>;
  usage: OpenAIUsage;
  service_tier: string;
  system_fingerprint: string;
}

export function toOpenAIToolCall(call: OpenAIToolCallPlan): OpenAIToolCall {
  return { id: call.id, type: 'function', function: { name: call.name, arguments: call.arguments } };
}

export function buildOpenAIChatCompletion(plan: OpenAIChatPlan): OpenAIChatCompletion {
  return {
    id: plan.id,
    object: 'chat.completion',
    created: plan.created,
    model: plan.model,
    choices: plan.choices.map((choice) => ({
      index: choice.index,
      message: {
        role: 'assistant',
        content: choice.content,
        refusal: null,
        ...(choice.toolCalls.length > 0 ? { tool_calls: choice.toolCalls.map(toOpenAIToolCall) } : {}),
      },
      logprobs: null,
      finish_reason: choice.finishReason,
    })),
    usage: plan.usage,
    service_tier: plan.serviceTier,
    system_fingerprint: plan.systemFingerprint,
  };
}
