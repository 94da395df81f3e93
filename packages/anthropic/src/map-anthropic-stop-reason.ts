import type { FinishReason } from '@switchyard/core';

/**
 * Anthropic's `stop_reason` as an OpenAI finish reason: a natural end, a stop sequence or a paused
 * server-tool turn is `stop`; the token limit or the context window `length`; `tool_use`
 * `tool_calls`; a refusal `content_filter`. Null while a stream has not finished; a reason added
 * to the API later reads as `stop`.
 */
export function mapAnthropicStopReason(reason: string | null | undefined): FinishReason | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'max_tokens':
    case 'model_context_window_exceeded':
      return 'length';
    case 'tool_use':
      return 'tool_calls';
    case 'refusal':
      return 'content_filter';
    default:
      return 'stop';
  }
}
