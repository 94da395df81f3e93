import type { CompletionOptions } from '../gateway/create-switchyard.js';
import { isRecord } from '../safe-json.js';
import type { TextCompletion, TextCompletionRequest } from '../schemas/text-completion.js';
import { assembleTextCompletion } from './assemble-text-completion.js';
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
import { replayTextCompletion } from './replay-text-completion.js';

function isTextCompletion(value: unknown): value is TextCompletion {
  return isRecord(value) && value.object === 'text_completion' && Array.isArray(value.choices);
}

function isComplete(completion: TextCompletion): boolean {
  return completion.choices.length > 0 && completion.choices.every((choice) => choice.finish_reason != null);
}

/**
 * Legacy completions through the cache, keyed on the whole request (every prompt): a hit is
 * returned or replayed as a stream; a miss goes through the gateway and its answer is stored.
 */
export async function cachedTextCompletion(
  context: CacheContext,
  original: TextCompletionRequest,
  call: CompletionOptions = {},
): Promise<TextCompletion | AsyncIterable<TextCompletion>> {
  const { request, controls } = takeCacheControls(original, call.cache);
  if (!context.cache.enabled('text_completion', controls))
    return context.gateway.textCompletion(request, call);
  const resolved = context.gateway.resolve(request.model);
  const startedAt = context.now();
  const stream = request.stream === true;
  const key = keyOf(context, 'text_completion', request, call, controls);
  const [answer] = await lookup(context, [key], controls);
  if (answer && isTextCompletion(answer.value)) {
    const completion = answer.value;
    traceHit(call, key, resolved, answer);
    const hit = {
      requestedModel: request.model,
      resolved,
      answer,
      stream,
      usage: completion.usage ?? undefined,
      startedAt,
    };
    if (!stream) {
      reportHit(context, call, hit, 'success');
      return completion;
    }
    const replay = replayTextCompletion(completion, request.stream_options?.include_usage === true);
    return reportingEnd(replay, (outcome) => reportHit(context, call, hit, outcome));
  }
  traceMiss(call);
  const upstream = capturing(call);
  const result = await context.gateway.textCompletion(request, upstream.options);
  if (controls.noStore === true) return result;
  if (!stream) {
    const completion = result as TextCompletion;
    if (isComplete(completion)) {
      await store(context, [{ key, value: completion, ...producer(upstream.info()) }], controls);
    }
    return completion;
  }
  return keepWhenComplete(result as AsyncIterable<TextCompletion>, async (chunks) => {
    const info = upstream.info();
    if (info?.outcome !== 'success') return;
    const completion = assembleTextCompletion(chunks, info?.usage);
    if (isComplete(completion))
      await store(context, [{ key, value: completion, ...producer(info) }], controls);
  });
}
