import { type CacheSettings, createCache } from '@switchyard/cache';
import {
  type ChatRequest,
  type ChatResponse,
  type ChatStream,
  type CompletionOptions,
  createSwitchyard as createCoreSwitchyard,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type NonStreamingChatRequest,
  type ResponseCache,
  type StreamingChatRequest,
  type Switchyard,
  type SwitchyardOptions,
  type TextCompletion,
  type TextCompletionRequest,
} from '@switchyard/core';
import { createRouter, type RouterDeps, type RouterSettings } from '@switchyard/router';
import { createDefaultProviders } from './default-providers.js';

export type BatteriesSwitchyardOptions = Omit<SwitchyardOptions, 'providers' | 'cache'> & {
  /** Defaults to every first-party provider; extra ones (your own) are added to them. */
  providers?: SwitchyardOptions['providers'];
  extraProviders?: SwitchyardOptions['providers'];
  /**
   * litellm's `router_settings` (the proxy's typed object): strategies, retries, fallbacks,
   * cooldowns, timeouts. Ignored when `router` is given.
   */
  routerSettings?: RouterSettings;
  /** Where the router keeps its statistics (e.g. `createRedisRouterState`), its randomness and logger. */
  routerDeps?: RouterDeps;
  /**
   * Response cache: `true` for the in-memory one, settings (`{ type: 'redis', redis: { url } }`, …)
   * for one built here and closed with the gateway, or a cache of your own (left open).
   */
  cache?: boolean | CacheSettings | ResponseCache;
};

function isResponseCache(value: CacheSettings | ResponseCache): value is ResponseCache {
  return (
    typeof (value as ResponseCache).get === 'function' && typeof (value as ResponseCache).key === 'function'
  );
}

/** A gateway with every first-party provider registered (plus any you pass). */
export function createSwitchyard(options: BatteriesSwitchyardOptions = {}): Switchyard {
  const { routerSettings, routerDeps, extraProviders, cache: cacheOption, ...rest } = options;
  const providers = [...(options.providers ?? createDefaultProviders()), ...(extraProviders ?? [])];
  const router =
    options.router ?? (routerSettings || routerDeps ? createRouter(routerSettings, routerDeps) : undefined);
  const core = { ...rest, providers, ...(router ? { router } : {}) };
  if (cacheOption === undefined || cacheOption === false) return createCoreSwitchyard(core);
  if (cacheOption !== true && isResponseCache(cacheOption)) {
    return createCoreSwitchyard({ ...core, cache: cacheOption });
  }
  const cache = createCache(cacheOption === true ? {} : { now: rest.now, ...cacheOption });
  const gateway = createCoreSwitchyard({ ...core, cache });
  return {
    ...gateway,
    close: async () => {
      await gateway.close();
      await cache.close();
    },
  };
}

let defaultGateway: Switchyard | undefined;

function gateway(): Switchyard {
  defaultGateway ??= createSwitchyard();
  return defaultGateway;
}

/**
 * Chat completion through the default gateway: `completion({ model: 'openai/gpt-4o', messages })`.
 * With `stream: true` it resolves to an async iterable of chunks.
 */
export function completion(request: StreamingChatRequest, options?: CompletionOptions): Promise<ChatStream>;
export function completion(
  request: NonStreamingChatRequest,
  options?: CompletionOptions,
): Promise<ChatResponse>;
export function completion(
  request: ChatRequest,
  options?: CompletionOptions,
): Promise<ChatResponse | ChatStream> {
  return gateway().completion(request, options);
}

/** Embeddings through the default gateway: `embedding({ model: 'openai/text-embedding-3-small', input })`. */
export function embedding(
  request: EmbeddingRequest,
  options?: CompletionOptions,
): Promise<EmbeddingResponse> {
  return gateway().embedding(request, options);
}

/**
 * The legacy completions API through the default gateway: native on models that serve it
 * (`openai/gpt-3.5-turbo-instruct`, vLLM, Together AI …), bridged through chat otherwise:
 * `textCompletion({ model: 'openai/gpt-4o-mini', prompt: 'Once upon a time' })`.
 */
export function textCompletion(
  request: TextCompletionRequest,
  options?: CompletionOptions,
): Promise<TextCompletion | AsyncIterable<TextCompletion>> {
  return gateway().textCompletion(request, options);
}

/** Content moderation through the default gateway (providers with native moderation). */
export const moderation: Switchyard['moderation'] = (request, options) =>
  gateway().moderation(request, options);
/** Image generation through the default gateway. */
export const imageGeneration: Switchyard['imageGeneration'] = (request, options) =>
  gateway().imageGeneration(request, options);
/** Document reranking (Cohere's shape) through the default gateway. */
export const rerank: Switchyard['rerank'] = (request, options) => gateway().rerank(request, options);
/** Text to speech through the default gateway: the audio as a stream of bytes. */
export const speech: Switchyard['speech'] = (request, options) => gateway().speech(request, options);
/** Speech to text through the default gateway. */
export const transcription: Switchyard['transcription'] = (request, options) =>
  gateway().transcription(request, options);

/**
 * The OpenAI Responses API through the default gateway: native on OpenAI and Azure (the response
 * stored upstream), bridged through chat elsewhere (stored in memory).
 */
export const responses: Switchyard['responses'] = (request, options) => gateway().responses(request, options);
/** A stored response, from the default gateway's store or the upstream that keeps it. */
export const getResponse: Switchyard['getResponse'] = (id, options) => gateway().getResponse(id, options);
/** Deletes a stored response (upstream too, for a native one). */
export const deleteResponse: Switchyard['deleteResponse'] = (id, options) =>
  gateway().deleteResponse(id, options);
/** One page of a stored response's input items. */
export const responseInputItems: Switchyard['responseInputItems'] = (id, query, options) =>
  gateway().responseInputItems(id, query, options);
/** Cancels a background response (created natively upstream with `background: true`). */
export const cancelResponse: Switchyard['cancelResponse'] = (id, options) =>
  gateway().cancelResponse(id, options);

/** Closes the default gateway's connection pools (lets a script exit promptly). */
export async function closeDefaultGateway(): Promise<void> {
  const current = defaultGateway;
  defaultGateway = undefined;
  await current?.close();
}
