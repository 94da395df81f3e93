import { cost } from '../cost.js';
import { BadRequestError } from '../errors/error-classes.js';
import type { PassthroughRequest, PassthroughResponse, Provider, ProviderCallOptions } from '../provider.js';
import type { CacheControls, ResponseCache } from '../response-cache/response-cache.js';
import { withResponseCache } from '../response-cache/with-response-cache.js';
import { createResponsesApi, type ResponsesApi, type ResponsesOptions } from '../responses/responses-api.js';
import type {
  BinaryBody,
  SpeechRequest,
  TranscriptionRequest,
  TranscriptionResult,
} from '../schemas/audio.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../schemas/embedding.js';
import type {
  ImageGenerationRequest,
  ImageGenerationResponse,
  ModerationRequest,
  ModerationResponse,
} from '../schemas/moderation-image.js';
import type { RerankRequest, RerankResponse } from '../schemas/rerank.js';
import type { TextCompletion, TextCompletionRequest } from '../schemas/text-completion.js';
import type { Usage } from '../schemas/usage.js';
import type { CallInfo, CallOutcome } from './call-info.js';
import type { ModelDeployment, ResolvedDeployment } from './deployment.js';
import { ModelCatalog } from './model-catalog.js';
import { relayStream } from './relay-stream.js';
import type { CallTrace } from './router.js';
import { textCompletionViaChat } from './text-completion.js';

export interface SwitchyardOptions extends ResponsesOptions {
  providers: ReadonlyArray<Provider>;
  /** Named models (config `model_list`); without them any `provider/model` string is accepted. */
  models?: ReadonlyArray<ModelDeployment>;
  /** Accept `provider/model` for unlisted models. Default: true without `models`, false with. */
  allowUnlistedModels?: boolean;
  /** Deadline of one call when the deployment sets none, in ms. Default 600 s (litellm's). */
  defaultTimeoutMs?: number;
  /** litellm_settings.drop_params: drop parameters a provider cannot take instead of refusing. */
  dropParams?: boolean;
  /** Called once per finished call, stream or not: the hook for spend, metrics and logs. */
  onCall?: (info: CallInfo) => void;
  /** Injected clock (ms). */
  now?: () => number;
  /** Response cache in front of routing (chat, text completions, embeddings); see `@switchyard/cache`. */
  cache?: ResponseCache;
}

export interface CompletionOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Library-only overrides of the deployment's credentials and endpoint. */
  apiKey?: string;
  apiBase?: string;
  headers?: Record<string, string>;
  /** Receives this call's info (in addition to the gateway's `onCall`). */
  onCall?: (info: CallInfo) => void;
  /** Filled with who answered (deployment, attempts, cache hit) before the answer is returned. */
  trace?: CallTrace;
  /** Response-cache controls for this call; the body's `cache` object overrides them field by field. */
  cache?: CacheControls;
  /** The tenant the call's cache entries belong to: entries are never shared across scopes. */
  cacheScope?: string;
}

export type StreamingChatRequest = ChatRequest & { stream: true };
export type NonStreamingChatRequest = ChatRequest & { stream?: false | null };

/** A streamed answer: iterate it for chunks; breaking out aborts the upstream request. */
export type ChatStream = AsyncIterable<ChatChunk>;

export interface Switchyard extends ResponsesApi {
  completion(request: StreamingChatRequest, options?: CompletionOptions): Promise<ChatStream>;
  completion(request: NonStreamingChatRequest, options?: CompletionOptions): Promise<ChatResponse>;
  completion(request: ChatRequest, options?: CompletionOptions): Promise<ChatResponse | ChatStream>;
  embedding(request: EmbeddingRequest, options?: CompletionOptions): Promise<EmbeddingResponse>;
  /** Content moderation on a provider that has it natively (a 400 naming the provider otherwise). */
  moderation(request: ModerationRequest, options?: CompletionOptions): Promise<ModerationResponse>;
  /** Text to speech on a provider that has it natively; the audio is streamed through. */
  speech(request: SpeechRequest, options?: CompletionOptions): Promise<BinaryBody>;
  /** Speech to text on a provider that has it natively. */
  transcription(request: TranscriptionRequest, options?: CompletionOptions): Promise<TranscriptionResult>;
  /** Document reranking on a provider that has it natively (a 400 naming the provider otherwise). */
  rerank(request: RerankRequest, options?: CompletionOptions): Promise<RerankResponse>;
  /** Image generation on a provider that has it natively (a 400 naming the provider otherwise). */
  imageGeneration(
    request: ImageGenerationRequest,
    options?: CompletionOptions,
  ): Promise<ImageGenerationResponse>;
  /**
   * The legacy completions API (`prompt` in, `choices[].text` out), bridged through chat for every
   * provider. With `stream: true` it resolves to an async iterable of text-completion chunks.
   */
  textCompletion(
    request: TextCompletionRequest,
    options?: CompletionOptions,
  ): Promise<TextCompletion | AsyncIterable<TextCompletion>>;
  /**
   * Same API in and out: when the model's provider speaks `api` natively, the request goes through
   * unchanged (model id replaced) and the upstream bytes come back; undefined when it does not, so
   * the caller translates instead.
   */
  passthrough(
    api: string,
    request: PassthroughRequest,
    options?: CompletionOptions,
  ): Promise<PassthroughResponse | undefined>;
  /** Public model names with the provider of their first deployment. */
  models(): Array<{ id: string; provider: string }>;
  /** Throws NotFoundError for an unknown model. */
  resolve(model: string): ResolvedDeployment;
  provider(id: string): Provider | undefined;
  close(): Promise<void>;
}

/**
 * The request as the provider sees it: the upstream model id, without the gateway's own fields
 * (`drop_params`) and without the deployment's `additional_drop_params` (litellm's list of fields
 * always removed for that deployment).
 */
function upstreamRequest<T extends { model: string }>(request: T, resolved: ResolvedDeployment): T {
  const out: Record<string, unknown> = { ...request, model: resolved.model };
  delete out.drop_params;
  delete out.cache; // litellm's per-request cache controls, never sent upstream
  const always = resolved.deployment.params?.additional_drop_params;
  if (Array.isArray(always)) for (const name of always) if (typeof name === 'string') delete out[name];
  return out as T;
}

/** Builds a gateway from provider instances and (optionally) a model list. */
export function createSwitchyard(options: SwitchyardOptions): Switchyard {
  const providers = new Map<string, Provider>();
  for (const provider of options.providers) providers.set(provider.id, provider);
  const deployments = options.models ?? [];
  for (const deployment of deployments) {
    if (!providers.has(deployment.provider)) {
      throw new BadRequestError({
        message: `Model "${deployment.modelName}" uses provider "${deployment.provider}", which is not registered (registered: ${[...providers.keys()].join(', ') || 'none'})`,
        code: 'unknown_provider',
      });
    }
  }
  const catalog = new ModelCatalog({
    deployments,
    providerIds: new Set(providers.keys()),
    allowUnlisted: options.allowUnlistedModels ?? deployments.length === 0,
  });
  const now = options.now ?? Date.now;

  function target(model: string) {
    const resolved = catalog.resolve(model);
    return { resolved, provider: providers.get(resolved.deployment.provider)! };
  }

  function callOptions(
    resolved: ResolvedDeployment,
    call: CompletionOptions,
    requestDropParams?: unknown,
  ): ProviderCallOptions {
    const { deployment } = resolved;
    const out: ProviderCallOptions = { model: resolved.model };
    const apiKey = call.apiKey ?? deployment.apiKey;
    const apiBase = call.apiBase ?? deployment.apiBase;
    if (apiKey !== undefined) out.apiKey = apiKey;
    if (apiBase !== undefined) out.apiBase = apiBase;
    if (deployment.apiVersion !== undefined) out.apiVersion = deployment.apiVersion;
    if (deployment.headers || call.headers) out.headers = { ...deployment.headers, ...call.headers };
    out.timeoutMs = call.timeoutMs ?? deployment.timeoutMs ?? options.defaultTimeoutMs ?? 600_000;
    if (call.signal) out.signal = call.signal;
    if (deployment.params) out.params = deployment.params;
    const dropParams =
      typeof requestDropParams === 'boolean'
        ? requestDropParams
        : (deployment.params?.drop_params ?? options.dropParams);
    if (dropParams === true) out.dropParams = true;
    return out;
  }

  function report(
    call: CompletionOptions,
    base: Omit<CallInfo, 'outcome' | 'durationMs' | 'cost'>,
    outcome: CallOutcome,
    usage: Usage | undefined,
    error?: unknown,
  ): void {
    if (!options.onCall && !call.onCall) return;
    const info: CallInfo = { ...base, outcome, durationMs: now() - base.startedAt };
    if (usage) {
      info.usage = usage;
      const priced = cost(usage, base.model, {
        provider: base.provider,
        prices: base.deployment.modelInfo ?? {},
      });
      if (priced.known) info.cost = priced.total;
      else info.costUnknownReason = priced.reason;
    }
    if (error !== undefined) info.error = error;
    options.onCall?.(info);
    call.onCall?.(info);
  }

  async function completion(
    request: ChatRequest,
    call: CompletionOptions = {},
  ): Promise<ChatResponse | ChatStream> {
    const { resolved, provider } = target(request.model);
    const base = {
      requestedModel: request.model,
      deployment: resolved.deployment,
      provider: provider.id,
      model: resolved.model,
      stream: request.stream === true,
      startedAt: now(),
    };
    const providerOptions = callOptions(resolved, call, request.drop_params);
    const upstream = upstreamRequest(request, resolved);
    try {
      if (request.stream === true) {
        const wantsUsage = request.stream_options?.include_usage === true;
        if (provider.capabilities.streamUsage) {
          upstream.stream_options = { ...request.stream_options, include_usage: true };
        }
        const source = await provider.stream(upstream, providerOptions);
        return relayStream(source, wantsUsage, (result) =>
          report(call, base, result.outcome, result.usage, result.error),
        );
      }
      const response = await provider.chat(upstream, providerOptions);
      report(call, base, 'success', response.usage ?? undefined);
      return response;
    } catch (error) {
      report(call, base, call.signal?.aborted ? 'aborted' : 'error', undefined, error);
      throw error;
    }
  }

  /** One non-streaming operation (embeddings, moderation, images) on the provider that has it. */
  async function operation<Request extends { model: string }, Response>(
    request: Request,
    call: CompletionOptions,
    what: string,
    method: (
      provider: Provider,
    ) => ((request: Request, options: ProviderCallOptions) => Promise<Response>) | undefined,
    usageOf: (response: Response) => Usage | undefined,
  ): Promise<Response> {
    const { resolved, provider } = target(request.model);
    const run = method(provider);
    if (!run) {
      throw new BadRequestError({
        message: `Provider "${provider.id}" does not support ${what} (model "${request.model}")`,
        param: 'model',
        code: 'unsupported_operation',
      });
    }
    const base = {
      requestedModel: request.model,
      deployment: resolved.deployment,
      provider: provider.id,
      model: resolved.model,
      stream: false,
      startedAt: now(),
    };
    try {
      const options = callOptions(resolved, call, (request as { drop_params?: unknown }).drop_params);
      const response = await run(upstreamRequest(request, resolved), options);
      report(call, base, 'success', usageOf(response));
      return response;
    } catch (error) {
      report(call, base, call.signal?.aborted ? 'aborted' : 'error', undefined, error);
      throw error;
    }
  }

  const embedding = (request: EmbeddingRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'embeddings',
      (provider) =>
        provider.embed && provider.capabilities.embeddings
          ? (body, options) => provider.embed!(body, options)
          : undefined,
      (response) =>
        response.usage
          ? {
              prompt_tokens: response.usage.prompt_tokens,
              completion_tokens: 0,
              total_tokens: response.usage.total_tokens,
            }
          : undefined,
    );

  const moderation = (request: ModerationRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'moderations',
      (provider) => (provider.moderate ? (body, options) => provider.moderate!(body, options) : undefined),
      () => undefined,
    );

  const speech = (request: SpeechRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'text to speech',
      (provider) => (provider.speech ? (body, options) => provider.speech!(body, options) : undefined),
      () => undefined,
    );

  const transcription = (request: TranscriptionRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'transcription',
      (provider) =>
        provider.transcribe ? (body, options) => provider.transcribe!(body, options) : undefined,
      () => undefined,
    );

  const rerank = (request: RerankRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'rerank',
      (provider) => (provider.rerank ? (body, options) => provider.rerank!(body, options) : undefined),
      () => undefined,
    );

  const imageGeneration = (request: ImageGenerationRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'image generation',
      (provider) =>
        provider.generateImage ? (body, options) => provider.generateImage!(body, options) : undefined,
      () => undefined,
    );

  function textCompletion(request: TextCompletionRequest, call: CompletionOptions = {}) {
    const resolved = catalog.resolve(request.model);
    const dropParams = callOptions(resolved, call, request.drop_params).dropParams === true;
    return textCompletionViaChat(request, (chat) => completion(chat, call), dropParams);
  }

  async function passthrough(api: string, request: PassthroughRequest, call: CompletionOptions = {}) {
    const { resolved, provider } = target(String(request.body.model));
    if (provider.passthrough?.api !== api) return undefined;
    const body = { ...request.body, model: resolved.model };
    return provider.passthrough.call({ ...request, body }, callOptions(resolved, call));
  }

  const gateway: Switchyard = {
    completion: completion as Switchyard['completion'],
    passthrough,
    embedding,
    moderation,
    rerank,
    speech,
    transcription,
    imageGeneration,
    textCompletion,
    ...createResponsesApi(options, now, (call) => (chat) => completion(chat, call)),
    models: () =>
      catalog.names().map((id) => ({
        id,
        provider: catalog.deploymentsOf(id)[0]?.provider ?? id.split('/')[0] ?? 'switchyard',
      })),
    resolve: (model) => catalog.resolve(model),
    provider: (id) => providers.get(id),
    close: async () => {
      await Promise.all([...providers.values()].map((provider) => provider.close?.()));
    },
  };
  // The response cache answers before routing; misses reach `gateway` unchanged.
  return options.cache ? withResponseCache(gateway, options.cache, { onCall: options.onCall, now }) : gateway;
}
