import type { ChatResponse, Usage } from '@switchyard/core';
import type { EchoAnswer } from './echo-answer.js';

/** A `chat.completion` object, in OpenAI's shape, with one identical choice per `n`. */
export function toEchoResponse(answer: EchoAnswer, usage: Usage): ChatResponse {
  return {
    id: answer.id,
    object: 'chat.completion',
    created: answer.created,
    model: answer.model,
    choices: Array.from({ length: answer.choices }, (_, index) => ({
      index,
      message: { role: 'assistant' as const, content: answer.content, refusal: null },
      logprobs: null,
      finish_reason: 'stop',
    })),
    usage,
  };
}
