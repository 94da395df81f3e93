import type { AnthropicStopReason } from './anthropic-message-types.js';

export interface AnthropicStop {
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
}

/**
 * A canonical finish reason as Anthropic's stop reason: length → max_tokens, tool_calls (and the
 * legacy function_call) → tool_use, content_filter → refusal, stop → end_turn, or stop_sequence
 * when the client gave stop sequences and the text ends with one (OpenAI-shaped answers do not say
 * which sequence stopped them, and most leave it out of the text, so that is the best we know).
 */
export function mapFinishReason(
  finishReason: string | null | undefined,
  context: { text?: string; stopSequences?: ReadonlyArray<string> } = {},
): AnthropicStop {
  switch (finishReason) {
    case null:
    case undefined:
      return { stop_reason: null, stop_sequence: null };
    case 'length':
      return { stop_reason: 'max_tokens', stop_sequence: null };
    case 'tool_calls':
    case 'function_call':
      return { stop_reason: 'tool_use', stop_sequence: null };
    case 'content_filter':
      return { stop_reason: 'refusal', stop_sequence: null };
    default: {
      const text = context.text ?? '';
      const matched = context.stopSequences?.find((sequence) => sequence !== '' && text.endsWith(sequence));
      return matched === undefined
        ? { stop_reason: 'end_turn', stop_sequence: null }
        : { stop_reason: 'stop_sequence', stop_sequence: matched };
    }
  }
}
