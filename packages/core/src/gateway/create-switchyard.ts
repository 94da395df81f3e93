import { BadRequestError } from '../errors/error-classes.js';
import type { PassthroughRequest, PassthroughResponse, Provider, ProviderCallOptions } from '../provider.js';
import type { CacheControls, ResponseCache } from '../response-cache/response-cache.js';
import { withResponseCache } from '../response-cache/with-response-cache.js';
import { createMemoryResponseStore } from '../responses/response-store.js';
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
import { createBasicRouter } from './basic-router.js';
import type { CallInfo } from './call-info.js';
import { createCallRunner, type RoutedTarget } from './call-runner.js';
import { chatStreamRelay } from './chat-stream-relay.js';
import { createPassthroughs } from './create-passthroughs.js';
import type { ModelDeployment, ResolvedDeployment } from './deployment.js';
import { nativeTextCompletion } from './native-text-completion.js';
import { type PassthroughHost, type PassthroughTarget, takesNatively, upstreamBody } from './passthrough.js';
import { rerankUsage } from './rerank-usage.js';
import type { CallKind, CallTrace, RouterFactory } from './router.js';
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
  /**
   * Builds the router every call goes through (`createRouter(settings)` from @switchyard/router).
   * Default: one try per call, the deployments of a group in turn.
   */
  router?: RouterFactory;
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
  /**
   * `false` answers the Responses and legacy completions APIs through the chat bridge even where
   * the deployment takes them natively (for a caller that already tried `passthrough`). Default true.
   */
  nativeApis?: boolean;
  /** Model groups to try, in order, when the requested one fails (after the configured ones). */
  fallbacks?: ReadonlyArray<string>;
  /** Overrides the router's `num_retries` for this call. */
  numRetries?: number;
  /** Request tags, for tag-based routing. */
  tags?: ReadonlyArray<string>;
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
  const now = options.now ?? Date.now;
  const router = (options.router ?? createBasicRouter)({
    deployments,
    providerIds: new Set(providers.keys()),
    allowUnlisted: options.allowUnlistedModels ?? deployments.length === 0,
    now,
    defaultTimeoutMs: options.defaultTimeoutMs ?? 600_000,
  });
  const runner = createCallRunner({
    router,
    providers,
    now,
    ...(options.dropParams !== undefined ? { dropParams: options.dropParams } : {}),
    ...(options.onCall ? { onCall: options.onCall } : {}),
  });

  async function completion(
    request: ChatRequest,
    call: CompletionOptions = {},
  ): Promise<ChatResponse | ChatStream> {
    const spec = {
      model: request.model,
      kind: 'chat' as const,
      chat: request,
      dropParams: request.drop_params,
    };
    if (request.stream === true) {
      const wantsUsage = request.stream_options?.include_usage === true;
      return runner.stream(
        { ...spec, stream: true },
        call,
        async ({ resolved, provider, options: providerOptions }) => {
          const upstream = upstreamBody(request, resolved);
          if (provider.capabilities.streamUsage) {
            upstream.stream_options = { ...request.stream_options, include_usage: true };
          }
          const chunks = await provider.stream(upstream, providerOptions);
          return { chunks, answer: (relayed: ChatStream) => relayed };
        },
        chatStreamRelay(wantsUsage),
      );
    }
    return runner.unary(
      { ...spec, stream: false },
      call,
      ({ resolved, provider, options: providerOptions }) =>
        provider.chat(upstreamBody(request, resolved), providerOptions),
      (response) => response.usage ?? undefined,
    );
  }

  /** One non-streaming operation (embeddings, moderation, images, …) on the provider that has it. */
  function operation<Request extends { model: string }, Response>(
    request: Request,
    call: CompletionOptions,
    kind: CallKind,
    what: string,
    method: (
      provider: Provider,
    ) => ((request: Request, options: ProviderCallOptions) => Promise<Response>) | undefined,
    usageOf: (response: Response) => Usage | undefined,
  ): Promise<Response> {
    const spec = {
      model: request.model,
      kind,
      stream: false,
      dropParams: (request as { drop_params?: unknown }).drop_params,
    };
    return runner.unary(
      spec,
      call,
      ({ resolved, provider, options: providerOptions }: RoutedTarget) => {
        const run = method(provider);
        if (!run) {
          throw new BadRequestError({
            message: `Provider "${provider.id}" does not support ${what} (model "${request.model}")`,
            param: 'model',
            code: 'unsupported_operation',
          });
        }
        return run(upstreamBody(request, resolved), providerOptions);
      },
      usageOf,
    );
  }

  const embedding = (request: EmbeddingRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'embedding',
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
      'moderation',
      'moderations',
      (provider) => (provider.moderate ? (body, options) => provider.moderate!(body, options) : undefined),
      () => undefined,
    );

  const speech = (request: SpeechRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'speech',
      'text to speech',
      (provider) => (provider.speech ? (body, options) => provider.speech!(body, options) : undefined),
      () => undefined,
    );

  const transcription = (request: TranscriptionRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'transcription',
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
      'rerank',
      (provider) => (provider.rerank ? (body, options) => provider.rerank!(body, options) : undefined),
      rerankUsage,
    );

  const imageGeneration = (request: ImageGenerationRequest, call: CompletionOptions = {}) =>
    operation(
      request,
      call,
      'image_generation',
      'image generation',
      (provider) =>
        provider.generateImage ? (body, options) => provider.generateImage!(body, options) : undefined,
      () => undefined,
    );

  /** Options of a call made outside the router (pinned pass-through): the caller's signal and deadline. */
  function callOptions(
    resolved: ResolvedDeployment,
    call: CompletionOptions,
    requestDropParams?: unknown,
  ): ProviderCallOptions {
    const timeoutMs = call.timeoutMs ?? resolved.deployment.timeoutMs ?? options.defaultTimeoutMs ?? 600_000;
    return runner.options(resolved, call, requestDropParams, call.signal, timeoutMs);
  }

  const report = runner.report;

  /** The deployment the router names first for a model (pinned pass-through calls go there). */
  function target(model: string): PassthroughTarget {
    const resolved = router.resolve(model);
    return { resolved, provider: providers.get(resolved.deployment.provider)! };
  }

  const routeNative: PassthroughHost['routeNative'] = (api, model, call, body, run) => {
    const dropParams = body.drop_params;
    const takes = (resolved: ResolvedDeployment) => {
      const provider = providers.get(resolved.deployment.provider);
      return (
        provider !== undefined &&
        takesNatively(api, { resolved, provider }, callOptions(resolved, call, dropParams))
      );
    };
    if (!takes(router.resolve(model))) return undefined;
    return runner.routed(
      { model, kind: 'passthrough', stream: body.stream === true, accept: takes, dropParams },
      call,
      ({ resolved, provider, options: routed }, hold) => run({ resolved, provider }, routed, hold),
    );
  };

  const responseStore = options.responseStore ?? createMemoryResponseStore();
  const passthroughs = createPassthroughs({
    host: { target, callOptions, report, now, routeNative },
    store: responseStore,
    deployments,
    provider: (id) => providers.get(id),
    allowUnlisted: options.allowUnlistedModels ?? deployments.length === 0,
  });

  async function textCompletion(request: TextCompletionRequest, call: CompletionOptions = {}) {
    const native =
      call.nativeApis === false
        ? undefined
        : await nativeTextCompletion(passthroughs.passthrough, request, call);
    if (native) return native;
    const { deployment } = router.resolve(request.model);
    const requested = request.drop_params;
    const dropParams =
      (typeof requested === 'boolean'
        ? requested
        : (deployment.params?.drop_params ?? options.dropParams)) === true;
    return textCompletionViaChat(request, (chat) => completion(chat, call), dropParams);
  }

  const gateway: Switchyard = {
    completion: completion as Switchyard['completion'],
    passthrough: passthroughs.passthrough,
    embedding,
    moderation,
    rerank,
    speech,
    transcription,
    imageGeneration,
    textCompletion,
    ...createResponsesApi(
      { ...options, responseStore },
      now,
      (call) => (chat) => completion(chat, call),
      passthroughs.native,
    ),
    models: () =>
      router.names().map((id) => ({
        id,
        provider: router.deploymentsOf(id)[0]?.provider ?? id.split('/')[0] ?? 'switchyard',
      })),
    resolve: (model) => router.resolve(model),
    provider: (id) => providers.get(id),
    close: async () => {
      await router.close?.();
      await Promise.all([...providers.values()].map((provider) => provider.close?.()));
    },
  };
  // The response cache answers before routing; misses reach `gateway` unchanged.
  return options.cache ? withResponseCache(gateway, options.cache, { onCall: options.onCall, now }) : gateway;
}
