import {
  BadRequestError,
  type BinaryBody,
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  defaultCapabilities,
  type EmbeddingRequest,
  type EmbeddingResponse,
  getModelInfo,
  type HttpTransport,
  type ImageGenerationRequest,
  type ImageGenerationResponse,
  lazyTransport,
  meterPassthroughBody,
  openAICompletionsReader,
  openAIResponsesReader,
  type PassthroughRequest,
  type PassthroughResponse,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  type SpeechRequest,
  type TranscriptionRequest,
  type TranscriptionResult,
  type TransportResponse,
  withStreamUsage,
} from '@switchyard/core';
import { azureAuthHeaders } from './azure-auth-headers.js';
import { type AzureEndpoint, resolveAzureEndpoint } from './azure-endpoint.js';
import { azureError, statusOfAzureErrorFrame } from './azure-error.js';
import {
  type AzureOperation,
  azureOperationUrl,
  azureResponsesUrl,
  firstResponsesApiVersion,
  hasResponsesApi,
} from './azure-url.js';
import { createEntraTokenCache } from './entra-token-cache.js';
import { parseAzureStream } from './parse-azure-stream.js';
import { type AzurePayload, invalidAzureResponse, postToAzure, readAzureJson } from './post-to-azure.js';
import {
  prepareAzureChatBody,
  prepareAzureEmbeddingBody,
  prepareAzureMediaBody,
  prepareAzureTranscriptionForm,
} from './prepare-azure-request.js';

export interface AzureSettings {
  /** Resource key sent as `api-key`; otherwise per deployment or `AZURE_API_KEY` / `AZURE_OPENAI_API_KEY`. */
  apiKey?: string;
  /** Resource endpoint (`https://my-resource.openai.azure.com`); default `AZURE_API_BASE` / `AZURE_OPENAI_ENDPOINT`. */
  baseURL?: string;
  /** Shorthand for `baseURL: https://{resourceName}.openai.azure.com`. */
  resourceName?: string;
  /** Default `AZURE_API_VERSION` / `OPENAI_API_VERSION`, else `2024-10-21`; `v1` selects the v1 API. */
  apiVersion?: string;
  /** A Microsoft Entra ID access token, sent as `Authorization: Bearer`. */
  azureADToken?: string;
  /** Called for an Entra ID token on each call without a key (e.g. from `@azure/identity`). */
  azureADTokenProvider?: () => Promise<string>;
  /** Entra ID authority for the client-credentials flow (default `https://login.microsoftonline.com`). */
  authorityHost?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Provider id (default `azure`). */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read at call time (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Clock for token expiry (default `Date.now`). */
  now?: () => number;
}

/**
 * Azure OpenAI: OpenAI's bodies at Azure's URLs (`{api_base}/openai/deployments/{deployment}/…
 * ?api-version=…`, or the v1 API), authenticated with a resource key or an Entra ID token, for
 * chat, embeddings, image generation, speech (the audio streamed through) and transcription
 * (multipart). The model part of `azure/<deployment>` is the deployment name.
 */
export function createAzure(settings: AzureSettings = {}): Provider {
  const id = settings.id ?? 'azure';
  const transport = lazyTransport(settings.transport);
  const getTransport = transport.get;
  const tokens = createEntraTokenCache({
    provider: id,
    transport: getTransport,
    now: settings.now ?? Date.now,
  });
  const capabilities: ProviderCapabilities = {
    ...defaultCapabilities,
    embeddings: true,
    tools: true,
    vision: true,
    jsonSchema: true,
    streamUsage: true,
    ...settings.capabilities,
  };

  const envOf = () => settings.env ?? process.env;
  const endpointFor = (options: ProviderCallOptions) => resolveAzureEndpoint(options, settings, envOf(), id);

  function post(
    endpoint: AzureEndpoint,
    operation: AzureOperation,
    body: object,
    options: ProviderCallOptions,
    stream: boolean,
    extra: { payload?: AzurePayload; accept?: string } = {},
  ) {
    return send(
      azureOperationUrl(endpoint.base, endpoint.surface, options.model, operation),
      body,
      options,
      stream,
      'POST',
      extra,
    );
  }

  function send(
    url: string,
    body: object | undefined,
    options: ProviderCallOptions,
    stream: boolean,
    method: 'GET' | 'POST' | 'DELETE' = 'POST',
    extra: { payload?: AzurePayload; accept?: string } = {},
  ) {
    return postToAzure({
      provider: id,
      transport: getTransport(),
      url,
      method,
      ...(body !== undefined ? { body } : {}),
      options,
      stream,
      ...extra,
      headers: [settings.headers, options.headers],
      auth: () => azureAuthHeaders(options, { provider: id, settings, env: envOf(), tokens }),
    });
  }

  /**
   * A call passed through unchanged: the Responses API (its collection or a stored response) or
   * legacy completions at the deployment's URL; creations are read for usage on the way.
   */
  async function passthroughCall(
    api: string,
    request: PassthroughRequest,
    options: ProviderCallOptions,
  ): Promise<PassthroughResponse> {
    const endpoint = endpointFor(options);
    const method = request.method ?? 'POST';
    const creates = method === 'POST' && !request.path;
    let url: string;
    let body = request.body;
    let dropUsageChunk = false;
    if (api === 'openai-responses') {
      const { surface } = endpoint;
      if (surface.kind === 'deployments' && !hasResponsesApi(surface)) {
        throw new BadRequestError({
          message: `${id} has the Responses API from api-version ${firstResponsesApiVersion}-preview on (or v1); this deployment uses ${surface.version}`,
          param: 'api_version',
          provider: id,
          model: options.model,
          code: 'unsupported_api_version',
        });
      }
      url = azureResponsesUrl(endpoint.base, endpoint.surface, request.path, request.query);
    } else if (api === 'openai-completions' && creates) {
      url = azureOperationUrl(endpoint.base, endpoint.surface, options.model, 'completions');
      if (body && capabilities.streamUsage) ({ body, dropUsageChunk } = withStreamUsage(body));
    } else {
      throw new BadRequestError({
        message: `${id} does not pass through ${api}`,
        provider: id,
        model: options.model,
        code: 'unsupported_operation',
      });
    }
    const { response } = await send(url, body, options, request.stream, method);
    const contentType =
      response.headers['content-type'] ?? (request.stream ? 'text/event-stream' : 'application/json');
    if (!creates) return { status: response.status, contentType, body: response.body };
    const reader =
      api === 'openai-responses' ? openAIResponsesReader : openAICompletionsReader(dropUsageChunk);
    const metered = meterPassthroughBody(response.body, request.stream, reader);
    return { status: response.status, contentType, body: metered.body, reading: metered.reading };
  }

  /**
   * Azure's defaults: the Responses API where the api-version has it, legacy completions for the
   * models that serve them (a deployment named after one, or one opting in with
   * `model_info.supported_endpoints`).
   */
  function supports(api: string, options: ProviderCallOptions): boolean {
    if (api === 'openai-completions') return servesLegacyCompletions(options.model);
    if (api !== 'openai-responses') return false;
    try {
      return hasResponsesApi(endpointFor(options).surface);
    } catch {
      return false; // no endpoint: the bridged call reports it
    }
  }

  const read = <T extends object>(response: TransportResponse, what: string, model: string) =>
    readAzureJson<T>(response, { provider: id, model, what });

  function chatBody(
    request: ChatRequest,
    options: ProviderCallOptions,
    endpoint: AzureEndpoint,
    stream: boolean,
  ) {
    return prepareAzureChatBody(request, {
      provider: id,
      deployment: options.model,
      surface: endpoint.surface,
      stream,
      dropParams: options.dropParams === true,
    });
  }

  return {
    id,
    capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      const endpoint = endpointFor(options);
      const body = chatBody(request, options, endpoint, false);
      const { response } = await post(endpoint, 'chat/completions', body, options, false);
      const answer = await read<ChatResponse>(response, 'response', options.model);
      if (!Array.isArray(answer.choices))
        throw invalidAzureResponse(id, `${id} sent a response without choices`, options.model);
      return answer;
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      const endpoint = endpointFor(options);
      const body = chatBody(request, options, endpoint, true);
      const { response, secrets } = await post(endpoint, 'chat/completions', body, options, true);
      return parseAzureStream(response.body, {
        provider: id,
        toError: (frame) =>
          azureError({
            provider: id,
            model: options.model,
            status: statusOfAzureErrorFrame(frame),
            headers: {},
            body: frame,
            secrets,
          }),
      });
    },
    async embed(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse> {
      const endpoint = endpointFor(options);
      const body = prepareAzureEmbeddingBody(request, options.model);
      const { response } = await post(endpoint, 'embeddings', body, options, false);
      const answer = await read<EmbeddingResponse>(response, 'embedding response', options.model);
      if (!Array.isArray(answer.data)) {
        throw invalidAzureResponse(id, `${id} sent an embedding response without data`, options.model);
      }
      return answer;
    },
    passthrough: { apis: ['openai-responses', 'openai-completions'], supports, call: passthroughCall },
    async generateImage(
      request: ImageGenerationRequest,
      options: ProviderCallOptions,
    ): Promise<ImageGenerationResponse> {
      const endpoint = endpointFor(options);
      const body = prepareAzureMediaBody(request, options.model);
      const { response } = await post(endpoint, 'images/generations', body, options, false);
      const answer = await read<ImageGenerationResponse>(response, 'image response', options.model);
      if (!Array.isArray(answer.data)) {
        throw invalidAzureResponse(id, `${id} sent an image response without data`, options.model);
      }
      return answer;
    },
    async speech(request: SpeechRequest, options: ProviderCallOptions): Promise<BinaryBody> {
      const endpoint = endpointFor(options);
      const body = prepareAzureMediaBody(request, options.model);
      const { response } = await post(endpoint, 'audio/speech', body, options, false, {
        accept: 'application/octet-stream',
      });
      return { contentType: response.headers['content-type'] ?? 'audio/mpeg', body: response.body };
    },
    async transcribe(
      request: TranscriptionRequest,
      options: ProviderCallOptions,
    ): Promise<TranscriptionResult> {
      const endpoint = endpointFor(options);
      const payload = prepareAzureTranscriptionForm(request, options.model);
      const { response } = await post(endpoint, 'audio/transcriptions', {}, options, false, {
        payload,
        accept: 'application/json, text/plain',
      });
      return {
        contentType: response.headers['content-type'] ?? 'application/json',
        text: await response.text(),
      };
    },
    async close() {
      await transport.close();
    },
  };
}

/** Azure's spelling of OpenAI's model names (`gpt-35-turbo-instruct`), as the model table knows them. */
const azureDotless = /^gpt-35-/;

/**
 * Whether a deployment serves legacy completions: its name (deployments are often named after their
 * model) is a completion model in the table, Azure's `gpt-35-…` spelling included.
 */
export function servesLegacyCompletions(deployment: string): boolean {
  return getModelInfo(deployment.replace(azureDotless, 'gpt-3.5-'), 'azure')?.mode === 'completion';
}

/** The default instance: endpoint, version and credentials from the environment at call time. */
export const azure: Provider = createAzure();
