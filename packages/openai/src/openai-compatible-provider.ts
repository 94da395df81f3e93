import { randomUUID } from 'node:crypto';
import {
  AuthenticationError,
  attachRawJson,
  BadGatewayError,
  BadRequestError,
  type BinaryBody,
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  defaultCapabilities,
  type EmbeddingRequest,
  type EmbeddingResponse,
  encodeMultipart,
  type HttpTransport,
  type ImageGenerationRequest,
  type ImageGenerationResponse,
  isRecord,
  lazyTransport,
  type ModerationRequest,
  type ModerationResponse,
  meterPassthroughBody,
  openAICompletionsReader,
  openAIResponsesReader,
  type PassthroughRequest,
  type PassthroughResponse,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  type RerankRequest,
  type RerankResponse,
  type SpeechRequest,
  safeParseJson,
  type TranscriptionRequest,
  type TranscriptionResult,
  type TransportResponse,
  withStreamUsage,
} from '@switchyard/core';
import {
  type CompatibleRerank,
  convertCompatibleRerankResponse,
  prepareCompatibleRerankBody,
} from './compatible-service-rerank.js';
import { openAIError, statusOfErrorFrame } from './openai-error.js';
import { parseOpenAIStream } from './parse-openai-stream.js';
import { prepareOpenAIChatBody, withOpenAIStreaming } from './prepare-openai-request.js';

export interface OpenAICompatibleSettings {
  /** Provider id, the prefix in model strings (`openai`, `groq`, …). */
  id: string;
  /** Default base URL, including the version path (`https://api.openai.com/v1`). */
  baseURL: string;
  /** Default API key; otherwise read from `apiKeyEnvVar` at call time. */
  apiKey?: string;
  apiKeyEnvVar?: string;
  /** Whether calls to this base URL need a key; those without one fail before reaching the network. */
  requiresApiKey?: (baseURL: string) => boolean;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read for the API key (default `process.env`). */
  env?: Record<string, string | undefined>;
  /**
   * OpenAI wire APIs passed through unchanged (`openai-responses`: `/responses` and its stored
   * objects; `openai-completions`: `/completions`). Default none.
   */
  passthroughApis?: ReadonlyArray<string>;
  /** Which deployments take a pass-through API by default (see `ProviderPassthrough.supports`). */
  supportsPassthrough?: (api: string, options: ProviderCallOptions) => boolean;
  /** The service's native rerank API, when it has one (`rerank()` is absent otherwise). */
  rerank?: CompatibleRerank;
}

/** Where each pass-through API lives below the base URL. */
const passthroughPaths: Readonly<Record<string, string>> = {
  'openai-responses': '/responses',
  'openai-completions': '/completions',
};

const maxErrorBody = 1024 * 1024;
const trailingSlashes = /\/+$/;

/** A provider for any API that speaks OpenAI's chat completions and embeddings wire format. */
export function createOpenAICompatible(settings: OpenAICompatibleSettings): Provider {
  const transport = lazyTransport(settings.transport);
  const getTransport = transport.get;
  const capabilities: ProviderCapabilities = {
    ...defaultCapabilities,
    embeddings: true,
    tools: true,
    vision: true,
    jsonSchema: true,
    streamUsage: true,
    ...settings.capabilities,
  };

  function apiKeyFor(options: ProviderCallOptions, base: string): string | undefined {
    const env = settings.env ?? process.env;
    const key =
      options.apiKey ?? settings.apiKey ?? (settings.apiKeyEnvVar ? env[settings.apiKeyEnvVar] : undefined);
    if (!key && settings.requiresApiKey?.(base)) {
      throw new AuthenticationError({
        message: `No API key for ${settings.id}: set api_key on the deployment${settings.apiKeyEnvVar ? ` or the ${settings.apiKeyEnvVar} environment variable` : ''}`,
        provider: settings.id,
        model: options.model,
      });
    }
    return key || undefined;
  }

  /** A JSON request (`accept` SSE for streams). */
  function post(path: string, body: object, options: ProviderCallOptions, stream: boolean) {
    const accept = stream ? 'text/event-stream' : 'application/json';
    return send(path, { body: JSON.stringify(body), contentType: 'application/json', accept }, options);
  }

  async function send(
    path: string,
    payload: { body?: string | Uint8Array; contentType?: string; accept: string },
    options: ProviderCallOptions,
    method: 'GET' | 'POST' | 'DELETE' = 'POST',
  ) {
    const base = (options.apiBase ?? settings.baseURL).replace(trailingSlashes, '');
    const apiKey = apiKeyFor(options, base);
    const headers: Record<string, string> = { accept: payload.accept };
    if (payload.contentType !== undefined) headers['content-type'] = payload.contentType;
    // Lower-cased so a configured `Authorization` replaces ours instead of duplicating it.
    for (const extra of [settings.headers, options.headers]) {
      if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
    }
    if (apiKey && headers.authorization === undefined) headers.authorization = `Bearer ${apiKey}`;
    const organization = options.params?.organization;
    if (typeof organization === 'string') headers['openai-organization'] = organization;
    const response = await getTransport().request({
      url: `${base}${path}`,
      method,
      headers,
      ...(payload.body !== undefined ? { body: payload.body } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (response.status >= 200 && response.status < 300) return { response, apiKey };
    const text = await response.text(maxErrorBody).catch(() => '');
    throw openAIError({
      provider: settings.id,
      model: options.model,
      status: response.status,
      headers: response.headers,
      body: text,
      secrets: [apiKey],
    });
  }

  /** One pass-through call: the body (if any) as JSON, the answer read for usage when it is a creation. */
  async function passthroughCall(
    api: string,
    request: PassthroughRequest,
    options: ProviderCallOptions,
  ): Promise<PassthroughResponse> {
    const endpoint = passthroughPaths[api];
    if (endpoint === undefined || !settings.passthroughApis?.includes(api)) {
      throw new BadRequestError({
        message: `${settings.id} does not pass through ${api}`,
        provider: settings.id,
        model: options.model,
        code: 'unsupported_operation',
      });
    }
    const method = request.method ?? 'POST';
    const creates = method === 'POST' && !request.path;
    const prepared =
      api === 'openai-completions' && capabilities.streamUsage && request.body
        ? withStreamUsage(request.body)
        : { body: request.body, dropUsageChunk: false };
    const accept = request.stream ? 'text/event-stream' : 'application/json';
    const payload =
      prepared.body === undefined
        ? { accept }
        : { body: JSON.stringify(prepared.body), contentType: 'application/json', accept };
    const path = `${endpoint}${request.path ?? ''}${queryString(request.query)}`;
    const { response } = await send(path, payload, options, method);
    const contentType = response.headers['content-type'] ?? accept;
    if (!creates) return { status: response.status, contentType, body: response.body };
    const reader =
      api === 'openai-responses' ? openAIResponsesReader : openAICompletionsReader(prepared.dropUsageChunk);
    const metered = meterPassthroughBody(response.body, request.stream, reader);
    return { status: response.status, contentType, body: metered.body, reading: metered.reading };
  }

  async function readJson<T extends object>(
    response: TransportResponse,
    what: string,
    model: string,
  ): Promise<T> {
    const text = await response.text();
    const parsed = safeParseJson(text);
    if (!parsed.ok || !isRecord(parsed.value)) {
      throw new BadGatewayError({
        message: `${settings.id} sent a ${what} that is not valid JSON`,
        provider: settings.id,
        model,
        code: 'invalid_upstream_response',
      });
    }
    return attachRawJson(parsed.value as T, text);
  }

  const provider: Provider = {
    id: settings.id,
    capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      const upstream = withOpenAIStreaming(prepareOpenAIChatBody(request), false);
      const { response } = await post('/chat/completions', upstream, options, false);
      const body = await readJson<ChatResponse>(response, 'response', options.model);
      if (!Array.isArray(body.choices)) {
        throw new BadGatewayError({
          message: `${settings.id} sent a response without choices`,
          provider: settings.id,
          model: options.model,
          code: 'invalid_upstream_response',
        });
      }
      return body;
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      const upstream = withOpenAIStreaming(prepareOpenAIChatBody(request), true);
      const { response, apiKey } = await post('/chat/completions', upstream, options, true);
      return parseOpenAIStream(response.body, {
        provider: settings.id,
        toError: (body) =>
          openAIError({
            provider: settings.id,
            model: options.model,
            status: statusOfErrorFrame(body),
            headers: {},
            body,
            secrets: [apiKey],
          }),
      });
    },
    async embed(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse> {
      const { response } = await post('/embeddings', request, options, false);
      const body = await readJson<EmbeddingResponse>(response, 'embedding response', options.model);
      if (!Array.isArray(body.data)) {
        throw new BadGatewayError({
          message: `${settings.id} sent an embedding response without data`,
          provider: settings.id,
          model: options.model,
          code: 'invalid_upstream_response',
        });
      }
      return body;
    },
    async moderate(request: ModerationRequest, options: ProviderCallOptions): Promise<ModerationResponse> {
      const { response } = await post('/moderations', request, options, false);
      const body = await readJson<ModerationResponse>(response, 'moderation response', options.model);
      return requireArray(body, 'results', 'moderation response', options.model);
    },
    async speech(request: SpeechRequest, options: ProviderCallOptions): Promise<BinaryBody> {
      const { response } = await post('/audio/speech', request, options, false);
      return { contentType: response.headers['content-type'] ?? 'audio/mpeg', body: response.body };
    },
    async transcribe(
      request: TranscriptionRequest,
      options: ProviderCallOptions,
    ): Promise<TranscriptionResult> {
      const form = encodeMultipart(
        { ...request.fields, model: options.model },
        { name: 'file', ...request.file },
      );
      const accept = 'application/json, text/plain';
      const { response } = await send('/audio/transcriptions', { ...form, accept }, options);
      return {
        contentType: response.headers['content-type'] ?? 'application/json',
        text: await response.text(),
      };
    },
    async generateImage(
      request: ImageGenerationRequest,
      options: ProviderCallOptions,
    ): Promise<ImageGenerationResponse> {
      const { response } = await post('/images/generations', request, options, false);
      const body = await readJson<ImageGenerationResponse>(response, 'image response', options.model);
      return requireArray(body, 'data', 'image response', options.model);
    },
    ...(settings.passthroughApis?.length
      ? {
          passthrough: {
            apis: settings.passthroughApis,
            ...(settings.supportsPassthrough ? { supports: settings.supportsPassthrough } : {}),
            call: passthroughCall,
          },
        }
      : {}),
    async close() {
      await transport.close();
    },
  };
  const rerankApi = settings.rerank;
  if (rerankApi) {
    provider.rerank = async (
      request: RerankRequest,
      options: ProviderCallOptions,
    ): Promise<RerankResponse> => {
      const context = {
        provider: settings.id,
        model: options.model,
        dropParams: options.dropParams === true,
      };
      const body = prepareCompatibleRerankBody(request, rerankApi, context);
      const { response } = await post(rerankApi.path, body, options, false);
      const answer = await readJson<Record<string, unknown>>(response, 'rerank response', options.model);
      const converted = convertCompatibleRerankResponse(answer, request, rerankApi.dialect, randomUUID);
      if (!converted) {
        throw new BadGatewayError({
          message: `${settings.id} sent a rerank response without results`,
          provider: settings.id,
          model: options.model,
          code: 'invalid_upstream_response',
        });
      }
      return converted;
    };
  }
  return provider;

  function requireArray<T extends object>(body: T, field: string, what: string, model: string): T {
    if (Array.isArray((body as Record<string, unknown>)[field])) return body;
    throw new BadGatewayError({
      message: `${settings.id} sent a ${what} without ${field}`,
      provider: settings.id,
      model,
      code: 'invalid_upstream_response',
    });
  }
}

/** `?a=1&b[]=x&b[]=y` for a pass-through's query (empty without one). */
export function queryString(query: PassthroughRequest['query']): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (typeof value === 'string') params.append(name, value);
    else for (const item of value) params.append(name, item);
  }
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
