import {
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  defaultCapabilities,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type HttpTransport,
  isRecord,
  lazyTransport,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  type RerankRequest,
  type RerankResponse,
} from '@switchyard/core';
import type { CohereChatResponse, CohereEmbedResponse } from './cohere-api-types.js';
import { convertCohereEmbedResponse, prepareCohereEmbedBody } from './cohere-embeddings.js';
import { cohereStreamError } from './cohere-error.js';
import { convertCohereRerankResponse, prepareCohereRerankBody } from './cohere-rerank.js';
import { convertCohereResponse } from './convert-cohere-response.js';
import { parseCohereStream } from './parse-cohere-stream.js';
import {
  invalidCohereAnswer,
  postToCohere,
  readCohereJson,
  resolveCohereEndpoint,
} from './post-to-cohere.js';
import { prepareCohereChatBody } from './prepare-cohere-request.js';

export interface CohereSettings {
  /** Provider id, the prefix in model strings: `cohere` (default), or `cohere_chat` as litellm also spells it. */
  id?: string;
  /** Default key; otherwise `COHERE_API_KEY`, then `CO_API_KEY`, read from the environment at call time. */
  apiKey?: string;
  /** Default `COHERE_API_BASE`, else `https://api.cohere.com`; a deployment's api_base overrides it. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read for the key and base URL (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Clock for `created` (default `Date.now`). */
  now?: () => number;
}

/** Cohere's v2 API (chat, streaming chat, embeddings), or any endpoint speaking it. */
export function createCohere(settings: CohereSettings = {}): Provider {
  const id = settings.id ?? 'cohere';
  const now = settings.now ?? Date.now;
  const transport = lazyTransport(settings.transport);
  const capabilities: ProviderCapabilities = {
    ...defaultCapabilities,
    embeddings: true,
    tools: true,
    vision: true,
    jsonSchema: true,
    streamUsage: true,
    ...settings.capabilities,
  };

  async function post(path: string, body: object, options: ProviderCallOptions, stream: boolean) {
    const endpoint = resolveCohereEndpoint(
      {
        provider: id,
        apiKey: settings.apiKey,
        baseURL: settings.baseURL,
        headers: settings.headers,
        env: settings.env ?? process.env,
      },
      options,
    );
    const response = await postToCohere(transport.get(), endpoint, { path, body, stream, options });
    return { response, apiKey: endpoint.apiKey };
  }

  const context = (options: ProviderCallOptions) => ({
    provider: id,
    model: options.model,
    dropParams: options.dropParams === true,
  });
  const identity = () => ({
    created: Math.floor(now() / 1000),
    fallbackId: `chatcmpl-cohere-${now().toString(36)}`,
  });

  return {
    id,
    capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      const body = prepareCohereChatBody(request, context(options), false);
      const { response } = await post('/chat', body, options, false);
      const read = { provider: id, model: options.model, what: 'response' };
      const answer = await readCohereJson<CohereChatResponse>(response, read);
      if (!isRecord(answer.message))
        throw invalidCohereAnswer(id, options.model, 'a response without a message');
      return convertCohereResponse(answer, { provider: id, model: options.model, ...identity() });
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      const body = prepareCohereChatBody(request, context(options), true);
      const { response, apiKey } = await post('/chat', body, options, true);
      return parseCohereStream(response.body, {
        provider: id,
        model: options.model,
        ...identity(),
        includeUsage: request.stream_options?.include_usage === true,
        toError: (message) =>
          cohereStreamError({ provider: id, model: options.model, message, secrets: [apiKey] }),
      });
    },
    async embed(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse> {
      const body = prepareCohereEmbedBody(request, {
        provider: id,
        model: options.model,
        params: options.params,
      });
      const { response } = await post('/embed', body, options, false);
      const read = { provider: id, model: options.model, what: 'embedding response' };
      const converted = convertCohereEmbedResponse(
        await readCohereJson<CohereEmbedResponse>(response, read),
        request,
        options.model,
      );
      if (!converted)
        throw invalidCohereAnswer(id, options.model, 'an embedding response without float embeddings');
      return converted;
    },
    async rerank(request: RerankRequest, options: ProviderCallOptions): Promise<RerankResponse> {
      const { response } = await post(
        '/rerank',
        prepareCohereRerankBody(request, options.model),
        options,
        false,
      );
      const read = { provider: id, model: options.model, what: 'rerank response' };
      const converted = convertCohereRerankResponse(await readCohereJson(response, read), request);
      if (!converted) throw invalidCohereAnswer(id, options.model, 'a rerank response without results');
      return converted;
    },
    async close() {
      await transport.close();
    },
  };
}

/** The default instance, `cohere/…` models: key and base URL from the environment at call time. */
export const cohere: Provider = createCohere();

/** The same API under litellm's `cohere_chat/…` prefix. */
export const cohereChat: Provider = createCohere({ id: 'cohere_chat' });
