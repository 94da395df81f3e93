import type {
  BinaryBody,
  SpeechRequest,
  TranscriptionRequest,
  TranscriptionResult,
} from './schemas/audio.js';
import type { ChatRequest } from './schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from './schemas/chat-response.js';
import type { EmbeddingRequest, EmbeddingResponse } from './schemas/embedding.js';
import type {
  ImageGenerationRequest,
  ImageGenerationResponse,
  ModerationRequest,
  ModerationResponse,
} from './schemas/moderation-image.js';
import type { RerankRequest, RerankResponse } from './schemas/rerank.js';
import type { Usage } from './schemas/usage.js';

/** What a provider can do; data the gateway and proxy read instead of branching on provider ids. */
export interface ProviderCapabilities {
  chat: boolean;
  stream: boolean;
  embeddings: boolean;
  tools: boolean;
  vision: boolean;
  jsonSchema: boolean;
  /** The provider reports usage at the end of a stream when asked (`stream_options.include_usage`). */
  streamUsage: boolean;
}

/**
 * Per-call settings: the deployment's credentials and endpoint (litellm_params) plus the call's
 * cancellation. Providers read their own extra params from `params`.
 */
export interface ProviderCallOptions {
  /** The upstream model id, without the provider prefix (e.g. `gpt-4o`). */
  model: string;
  apiKey?: string;
  apiBase?: string;
  apiVersion?: string;
  /** Extra headers sent upstream. */
  headers?: Record<string, string>;
  /** Total deadline for the call (a stream included), in ms. */
  timeoutMs?: number;
  /** Cancelled when the caller goes away; reaches the upstream socket. */
  signal?: AbortSignal;
  /** Every other deployment parameter (organization, provider-specific settings). */
  params?: Readonly<Record<string, unknown>>;
  /**
   * litellm's drop_params: parameters this provider cannot take are dropped instead of refused
   * (see `handleUnsupportedParams`). Set from the request, the deployment or the config.
   */
  dropParams?: boolean;
}

/**
 * Wire APIs a provider may take unchanged (same API in and out). Providers may declare others; these
 * are the ones the gateway and proxy know.
 */
export type PassthroughApi = 'anthropic-messages' | 'openai-responses' | 'openai-completions';

/** A request in a provider's own wire format, for pass-through when the inbound API is the same. */
export interface PassthroughRequest {
  /**
   * The body as the client sent it (validated); `model` is replaced by the upstream model id.
   * Absent on operations without a body (GET and DELETE of a stored object).
   */
  body?: Record<string, unknown>;
  /** Whether the answer is an event stream. */
  stream: boolean;
  /** Client headers the provider's API defines and forwards (e.g. `anthropic-beta`). */
  headers?: Record<string, string>;
  /** Default `POST`. */
  method?: 'GET' | 'POST' | 'DELETE';
  /**
   * Below the API's endpoint: empty (the default) is the endpoint itself (`…/responses`), else a
   * stored object or one of its sub-resources (`/resp_123`, `/resp_123/input_items`), each
   * segment already URL-encoded.
   */
  path?: string;
  /** Query parameters the API defines for the operation (never credentials or api versions). */
  query?: Record<string, string | ReadonlyArray<string>>;
}

/** What a provider read from a passed-through body for accounting, filled in as the body is read. */
export interface PassthroughReading {
  usage?: Usage;
  /** The id of the object the call created upstream (a stored response's `resp_…`). */
  id?: string;
  /** The upstream reported a failure inside a successful (2xx) answer, e.g. `response.failed`. */
  failure?: string;
}

/** The upstream's answer, bytes unchanged (JSON or an event stream). */
export interface PassthroughResponse {
  status: number;
  contentType: string;
  body: AsyncIterable<Uint8Array>;
  /** Complete once `body` has been read to its end; absent when the provider reads nothing. */
  reading?: PassthroughReading;
}

/** The wire APIs a provider takes unchanged, and the call that sends them. */
export interface ProviderPassthrough {
  /** Every API the provider can pass through (see `PassthroughApi`). */
  readonly apis: ReadonlyArray<string>;
  /**
   * Whether one deployment should take `api` natively by default (an Azure api-version that has
   * the Responses API, a model that serves legacy completions). Absent: every declared API. A
   * deployment's `model_info.supported_endpoints` overrides it.
   */
  supports?(api: string, options: ProviderCallOptions): boolean;
  call(api: string, request: PassthroughRequest, options: ProviderCallOptions): Promise<PassthroughResponse>;
}

/** A stream of canonical chunks; breaking out of the loop aborts the upstream request. */
export type ChatChunkStream = AsyncIterable<ChatChunk>;

/**
 * A provider adapter: translates the canonical (OpenAI Chat Completions) request to one upstream
 * API and back. Written outside the repo, it is an ordinary package exporting an object of this
 * shape.
 */
export interface Provider {
  /** The prefix in model strings (`openai` in `openai/gpt-4o`). */
  readonly id: string;
  readonly capabilities: ProviderCapabilities;
  chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse>;
  /**
   * Resolves once the upstream accepted the request (errors before the first chunk reject here,
   * so callers can still retry or fall back); errors after that travel in the stream.
   */
  stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream>;
  embed?(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse>;
  /** Content moderation, where the provider offers it natively. */
  moderate?(request: ModerationRequest, options: ProviderCallOptions): Promise<ModerationResponse>;
  /** Document reranking (Cohere's shape), where the provider offers it natively. */
  rerank?(request: RerankRequest, options: ProviderCallOptions): Promise<RerankResponse>;
  /** Text to speech, where the provider offers it natively: the audio is streamed through. */
  speech?(request: SpeechRequest, options: ProviderCallOptions): Promise<BinaryBody>;
  /** Speech to text from an uploaded file, where the provider offers it natively. */
  transcribe?(request: TranscriptionRequest, options: ProviderCallOptions): Promise<TranscriptionResult>;
  /** Image generation, where the provider offers it natively. */
  generateImage?(
    request: ImageGenerationRequest,
    options: ProviderCallOptions,
  ): Promise<ImageGenerationResponse>;
  /**
   * Same API in and out (e.g. Anthropic Messages in, Anthropic upstream): bodies and stream frames
   * pass through without a lossy round trip through the canonical format.
   */
  passthrough?: ProviderPassthrough;
  /** Releases pooled connections. */
  close?(): Promise<void>;
}

export const defaultCapabilities: ProviderCapabilities = {
  chat: true,
  stream: true,
  embeddings: false,
  tools: false,
  vision: false,
  jsonSchema: false,
  streamUsage: false,
};

/** Checks that a value (e.g. a dynamically imported custom provider) has the Provider shape. */
export function isProvider(value: unknown): value is Provider {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as Partial<Provider>;
  return (
    typeof candidate.id === 'string' &&
    typeof candidate.chat === 'function' &&
    typeof candidate.stream === 'function' &&
    typeof candidate.capabilities === 'object' &&
    candidate.capabilities !== null
  );
}
