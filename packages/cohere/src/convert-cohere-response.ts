import type { ChatResponse, ChatResponseMessage } from '@switchyard/core';
import type { CohereChatResponse } from './cohere-api-types.js';
import { cohereGenerationError } from './cohere-error.js';
import { convertCohereUsage } from './convert-cohere-usage.js';
import { isCohereFailureReason, mapCohereFinishReason } from './map-cohere-finish-reason.js';

export interface CohereResponseContext {
  provider: string;
  model: string;
  /** Unix seconds for `created` (Cohere's answer has no timestamp). */
  created: number;
  /** Id used when the answer has none. */
  fallbackId: string;
}

/**
 * Cohere sends `"null"` (or nothing) as the arguments of a call to a tool without parameters;
 * OpenAI clients parse arguments as a JSON object.
 */
export function normaliseToolArguments(text: string | null | undefined): string {
  const trimmed = text?.trim() ?? '';
  return trimmed === '' || trimmed === 'null' ? '{}' : (text as string);
}

function toolCallsOf(response: CohereChatResponse): NonNullable<ChatResponseMessage['tool_calls']> {
  return (response.message?.tool_calls ?? []).map((call, index) => ({
    id: call.id ?? `call_${index}`,
    type: 'function' as const,
    function: {
      name: call.function?.name ?? '',
      arguments: normaliseToolArguments(call.function?.arguments),
    },
  }));
}

/**
 * A Cohere chat answer as a `chat.completion`: text blocks are the content, thinking blocks the
 * `reasoning_content`; with tool calls, the `tool_plan` Cohere writes before them is the content
 * (what OpenAI models say before calling tools), so it round-trips as `tool_plan`. A finish reason
 * of ERROR or TIMEOUT is thrown as an error.
 */
export function convertCohereResponse(
  response: CohereChatResponse,
  context: CohereResponseContext,
): ChatResponse {
  if (isCohereFailureReason(response.finish_reason)) {
    throw cohereGenerationError({
      provider: context.provider,
      model: context.model,
      reason: response.finish_reason,
    });
  }
  const blocks = response.message?.content ?? [];
  const text = blocks.map((block) => (block.type === 'text' ? (block.text ?? '') : '')).join('');
  const reasoning = blocks.map((block) => (block.type === 'thinking' ? (block.thinking ?? '') : '')).join('');
  const toolCalls = toolCallsOf(response);
  const plan = response.message?.tool_plan ?? '';
  const content = toolCalls.length > 0 ? `${plan}${text}` || null : text;
  const message: ChatResponseMessage = { role: 'assistant', content };
  if (reasoning) message.reasoning_content = reasoning;
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  const usage = convertCohereUsage(response.usage);
  return {
    id: response.id ?? context.fallbackId,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [
      {
        index: 0,
        message,
        finish_reason: mapCohereFinishReason(response.finish_reason, toolCalls.length > 0),
        logprobs: null,
      },
    ],
    ...(usage ? { usage } : {}),
  };
}
