import type { ChatResponse, Usage } from '@switchyard/core';
import type { MockCompletion } from './mock-completion.js';

/** The identity every object of one answer shares. */
export interface MockAnswerMeta {
  /** `chatcmpl-mock-…` */
  id: string;
  /** Seconds since the epoch. */
  created: number;
  /** The upstream model id that was asked for. */
  model: string;
}

/** A `chat.completion` object with `choices` copies of the planned answer. */
export function toChatResponse(
  completion: MockCompletion,
  meta: MockAnswerMeta,
  choices: number,
  usage: Usage,
): ChatResponse {
  const message: ChatResponse['choices'][number]['message'] = {
    role: 'assistant',
    content: completion.content,
    refusal: null,
  };
  if (completion.toolCalls.length > 0) message.tool_calls = completion.toolCalls;
  return {
    id: meta.id,
    object: 'chat.completion',
    created: meta.created,
    model: meta.model,
    choices: Array.from({ length: choices }, (_, index) => ({
      index,
      message: structuredClone(message),
      logprobs: null,
      finish_reason: completion.finishReason,
    })),
    usage,
  };
}
