import type { CallInfo } from '../gateway/call-info.js';
import type { Switchyard } from '../gateway/create-switchyard.js';
import type { CacheContext } from './cache-context.js';
import { takeCacheControls } from './cache-controls.js';
import { cachedCompletion } from './cached-completion.js';
import { cachedEmbedding } from './cached-embedding.js';
import { cachedTextCompletion } from './cached-text-completion.js';
import type { ResponseCache } from './response-cache.js';

export interface ResponseCacheHooks {
  /** The gateway's `onCall`: hits are reported to it as calls with `cacheHit` and zero cost. */
  onCall?: (info: CallInfo) => void;
  now: () => number;
}

/**
 * The gateway with a response cache in front of routing for chat (plain and streamed), text
 * completions and embeddings (per input). Other operations, and misses, use `gateway` unchanged.
 * The cache is not closed with the gateway: whoever created it closes it.
 */
export function withResponseCache(
  gateway: Switchyard,
  cache: ResponseCache,
  hooks: ResponseCacheHooks,
): Switchyard {
  const context: CacheContext = { gateway, cache, now: hooks.now };
  if (hooks.onCall) context.onCall = hooks.onCall;
  return {
    ...gateway,
    completion: ((request, call) => cachedCompletion(context, request, call)) as Switchyard['completion'],
    embedding: (request, call) => cachedEmbedding(context, request, call),
    textCompletion: (request, call) => cachedTextCompletion(context, request, call),
    // Legacy completions the cache serves are answered by `textCompletion` (native there too, its
    // answer parsed so it can be stored), never passed through as bytes around the cache.
    passthrough: async (api, request, call) => {
      if (api === 'openai-completions' && (request.method ?? 'POST') === 'POST' && !request.path) {
        const { controls } = takeCacheControls(request.body ?? {}, call?.cache);
        if (cache.enabled('text_completion', controls)) return undefined;
      }
      return gateway.passthrough(api, request, call);
    },
  };
}
