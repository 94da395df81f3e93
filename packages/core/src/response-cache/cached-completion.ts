import type { ChatStream, CompletionOptions } from '../gateway/create-switchyard.js';
import { isRecord } from '../safe-json.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import { assembleChatResponse } from './assemble-chat-response.js';
import {
  type CacheContext,
  capturing,
  keyOf,
  lookup,
  producer,
  reportHit,
  store,
  traceHit,
  traceMiss,
} from './cache-context.js';
import { takeCacheControls } from './cache-controls.js';
import { keepWhenComplete, reportingEnd } from './cache-streams.js';
import { replayChatStream } from './replay-chat-stream.js';

function isChatResponse(value: unknown): value is ChatResponse {
  return isRecord(value) && value.object === 'chat.completion' && Array.isArray(value.choices);
}

/** An answer worth keeping: at least one choice, each one finished. */
function isComplete(response: ChatResponse): boolean {
  return response.choices.length > 0 && response.choices.every((choice) => choice.finish_reason != null);
}

/**
 * Chat through the cache: a hit is returned (or replayed as a stream) without routing; a miss goes
 * through the gateway and its answer is stored, a stream's once it completed without error.
 */
export async function cachedCompletion(
  context: CacheContext,
  original: ChatRequest,
  call: CompletionOptions = {},
): Promise<ChatResponse | ChatStream> {
  const { request, controls } = takeCacheControls(original, call.cache);
  if (!context.cache.enabled('completion', controls)) return context.gateway.completion(request, call);
  const resolved = context.gateway.resolve(request.model);
  const startedAt = context.now();
  const stream = request.stream === true;
  const key = keyOf(context, 'completion', request, call, controls);
  const [answer] = await lookup(context, [key], controls);
  if (answer && isChatResponse(answer.value)) {
    const response = answer.value;
    traceHit(call, key, resolved, answer);
    const hit = {
      requestedModel: request.model,
      resolved,
      answer,
      stream,
      usage: response.usage ?? undefined,
      startedAt,
    };
    if (!stream) {
      reportHit(context, call, hit, 'success');
      return response;
    }
    const replay = replayChatStream(response, request.stream_options?.include_usage === true);
    return reportingEnd(replay, (outcome) => reportHit(context, call, hit, outcome));
  }
  traceMiss(call);
  const upstream = capturing(call);
  const result = await context.gateway.completion(request, upstream.options);
  if (controls.noStore === true) return result;
  if (!stream) {
    const response = result as ChatResponse;
    if (isComplete(response)) {
      await store(context, [{ key, value: response, ...producer(upstream.info()) }], controls);
    }
    return response;
  }
  return keepWhenComplete(result as AsyncIterable<ChatChunk>, async (chunks) => {
    const info = upstream.info();
    if (info?.outcome !== 'success') return;
    const response = assembleChatResponse(chunks, info?.usage);
    if (isComplete(response)) await store(context, [{ key, value: response, ...producer(info) }], controls);
  });
}
