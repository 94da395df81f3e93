import type { CompletionOptions, Switchyard } from '../gateway/create-switchyard.js';
import type { Usage } from '../schemas/usage.js';
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

/** A request that may be streamed (chat and legacy completions). */
interface StreamableRequest {
  model: string;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
}

/** What differs between the cached APIs that answer with one object or a stream of chunks. */
export interface CachedApi<Request extends StreamableRequest, Answer extends object, Chunk> {
  type: 'completion' | 'text_completion';
  /** The gateway's call (a miss). */
  call(
    gateway: Switchyard,
    request: Request,
    options: CompletionOptions,
  ): Promise<Answer | AsyncIterable<Chunk>>;
  /** Whether a cached value is an answer of this API. */
  isAnswer(value: unknown): value is Answer;
  /** An answer worth keeping: at least one choice, each one finished. */
  isComplete(answer: Answer): boolean;
  usage(answer: Answer): Usage | undefined;
  /** A cached answer as a stream of chunks. */
  replay(answer: Answer, includeUsage: boolean): AsyncIterable<Chunk>;
  /** A streamed answer as one object, to store. */
  assemble(chunks: Chunk[], usage: Usage | undefined): Answer;
}

/**
 * An API through the cache: a hit is returned (or replayed as a stream) without routing; a miss
 * goes through the gateway and its answer is stored, a stream's once it completed without error.
 */
export async function cachedAnswer<Request extends StreamableRequest, Answer extends object, Chunk>(
  context: CacheContext,
  api: CachedApi<Request, Answer, Chunk>,
  original: Request,
  call: CompletionOptions,
): Promise<Answer | AsyncIterable<Chunk>> {
  const { request, controls } = takeCacheControls(original, call.cache);
  if (!context.cache.enabled(api.type, controls)) return api.call(context.gateway, request, call);
  const resolved = context.gateway.resolve(request.model);
  const startedAt = context.now();
  const stream = request.stream === true;
  const key = keyOf(context, api.type, request, call, controls);
  const [answer] = await lookup(context, [key], controls);
  if (answer && api.isAnswer(answer.value)) {
    const cached = answer.value;
    traceHit(call, key, resolved, answer);
    const hit = {
      requestedModel: request.model,
      resolved,
      answer,
      stream,
      usage: api.usage(cached),
      startedAt,
    };
    if (!stream) {
      reportHit(context, call, hit, 'success');
      return cached;
    }
    const replay = api.replay(cached, request.stream_options?.include_usage === true);
    return reportingEnd(replay, (outcome) => reportHit(context, call, hit, outcome));
  }
  traceMiss(call);
  const upstream = capturing(call);
  const result = await api.call(context.gateway, request, upstream.options);
  if (controls.noStore === true) return result;
  if (!stream) {
    const fresh = result as Answer;
    if (api.isComplete(fresh)) {
      await store(context, [{ key, value: fresh, ...producer(upstream.info()) }], controls);
    }
    return fresh;
  }
  return keepWhenComplete(result as AsyncIterable<Chunk>, async (chunks) => {
    const info = upstream.info();
    if (info?.outcome !== 'success') return;
    const assembled = api.assemble(chunks, info?.usage);
    if (api.isComplete(assembled))
      await store(context, [{ key, value: assembled, ...producer(info) }], controls);
  });
}
