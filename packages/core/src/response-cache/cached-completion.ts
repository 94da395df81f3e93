import type { ChatStream, CompletionOptions } from '../gateway/create-switchyard.js';
import { isRecord } from '../safe-json.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import { assembleChatResponse } from './assemble-chat-response.js';
import type { CacheContext } from './cache-context.js';
import { type CachedApi, cachedAnswer } from './cached-answer.js';
import { replayChatStream } from './replay-chat-stream.js';

const chatApi: CachedApi<ChatRequest, ChatResponse, ChatChunk> = {
  type: 'completion',
  call: (gateway, request, options) => gateway.completion(request, options),
  isAnswer: (value): value is ChatResponse =>
    isRecord(value) && value.object === 'chat.completion' && Array.isArray(value.choices),
  isComplete: (response) =>
    response.choices.length > 0 && response.choices.every((choice) => choice.finish_reason != null),
  usage: (response) => response.usage ?? undefined,
  replay: replayChatStream,
  assemble: assembleChatResponse,
};

/**
 * Chat through the cache: a hit is returned (or replayed as a stream) without routing; a miss goes
 * through the gateway and its answer is stored, a stream's once it completed without error.
 */
export function cachedCompletion(
  context: CacheContext,
  original: ChatRequest,
  call: CompletionOptions = {},
): Promise<ChatResponse | ChatStream> {
  return cachedAnswer(context, chatApi, original, call);
}
