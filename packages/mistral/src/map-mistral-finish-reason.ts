import { InternalServerError } from '@switchyard/core';

export interface FinishReasonContext {
  provider: string;
  model: string;
}

/**
 * Mistral's finish reasons in OpenAI's words: `model_length` (the model's context is full) is a
 * `length` too. `error` means generation failed part-way; it becomes a retryable error rather than
 * an answer that looks complete. Absent stays null (the stream goes on).
 */
export function mapMistralFinishReason(reason: unknown, context: FinishReasonContext): string | null {
  switch (reason) {
    case null:
    case undefined:
      return null;
    case 'stop':
    case 'tool_calls':
    case 'content_filter':
      return reason;
    case 'length':
    case 'model_length':
      return 'length';
    case 'error':
      throw new InternalServerError({
        message: `${context.provider} stopped generating with an error (finish_reason "error")`,
        code: 'generation_error',
        provider: context.provider,
        model: context.model,
      });
    default:
      return 'stop';
  }
}
