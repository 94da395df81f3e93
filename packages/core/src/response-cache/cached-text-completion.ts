import type { CompletionOptions } from '../gateway/create-switchyard.js';
import { isRecord } from '../safe-json.js';
import type { TextCompletion, TextCompletionRequest } from '../schemas/text-completion.js';
import { assembleTextCompletion } from './assemble-text-completion.js';
import type { CacheContext } from './cache-context.js';
import { type CachedApi, cachedAnswer } from './cached-answer.js';
import { replayTextCompletion } from './replay-text-completion.js';

const textCompletionApi: CachedApi<TextCompletionRequest, TextCompletion, TextCompletion> = {
  type: 'text_completion',
  call: (gateway, request, options) => gateway.textCompletion(request, options),
  isAnswer: (value): value is TextCompletion =>
    isRecord(value) && value.object === 'text_completion' && Array.isArray(value.choices),
  isComplete: (completion) =>
    completion.choices.length > 0 && completion.choices.every((choice) => choice.finish_reason != null),
  usage: (completion) => completion.usage ?? undefined,
  replay: replayTextCompletion,
  assemble: assembleTextCompletion,
};

/**
 * Legacy completions through the cache, keyed on the whole request (every prompt): a hit is
 * returned or replayed as a stream; a miss goes through the gateway and its answer is stored.
 */
export function cachedTextCompletion(
  context: CacheContext,
  original: TextCompletionRequest,
  call: CompletionOptions = {},
): Promise<TextCompletion | AsyncIterable<TextCompletion>> {
  return cachedAnswer(context, textCompletionApi, original, call);
}
