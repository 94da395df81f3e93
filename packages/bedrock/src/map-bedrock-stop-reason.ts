import type { FinishReason } from '@switchyard/core';

/**
 * Converse's stopReason as an OpenAI finish_reason: end_turn and stop_sequence → stop, max_tokens
 * and model_context_window_exceeded → length, tool_use → tool_calls, guardrail_intervened and
 * content_filtered → content_filter. Anything new counts as stop.
 */
export function mapBedrockStopReason(stopReason: string | undefined): FinishReason {
  switch (stopReason) {
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'guardrail_intervened':
    case 'content_filtered':
      return 'content_filter';
    default:
      return 'stop';
  }
}
