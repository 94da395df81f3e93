import {
  AuthenticationError,
  BadGatewayError,
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
  safeParseJson,
  type TransportResponse,
} from '@switchyard/core';
import { convertMistralResponse } from './convert-mistral-response.js';
import { mistralError, statusOfMistralErrorFrame } from './mistral-error.js';
import { parseMistralStream } from './parse-mistral-stream.js';
import {
  convertMistralEmbeddings,
  prepareMistralEmbeddingBody,
} from './prepare-mistral-embedding-request.js';
import { prepareMistralChatBody } from './prepare-mistral-request.js';

export interface MistralSettings {
  /** Default key; otherwise `MISTRAL_API_KEY` from the environment, read at call time. */
  apiKey?: string;
  /** Default `https://api.mistral.ai/v1`; a deployment's api_base overrides it. */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Provider id (default `mistral`); set it to register a second Mistral account. */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read for the API key (default `process.env`). */
  env?: Record<string, string | undefined>;
}

const officialBaseURL = 'https://api.mistral.ai/v1';
const maxErrorBody = 1024 * 1024;
const trailingSlashes = /\/+$/;
const versionSuffix = /\/v1$/;

/** The base URL for a call; like litellm, `/v1` is added when an api_base lacks it. */
function baseFor(apiBase: string | undefined, settingsBase: string): string {
  const base = (apiBase ?? settingsBase).replace(trailingSlashes, '');
  return versionSuffix.test(base) ? base : `${base}/v1`;
}

/** Mistral's chat completions and embeddings API (La Plateforme, or a self-hosted endpoint). */
export function createMistral(settings: MistralSettings = {}): Provider {
  const id = settings.id ?? 'mistral';
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
    const key = options.apiKey ?? settings.apiKey ?? env.MISTRAL_API_KEY;
    if (!key && base === officialBaseURL) {
      throw new AuthenticationError({
        message: `No API key for ${id}: set api_key on the deployment or the MISTRAL_API_KEY environment variable`,
        provider: id,
        model: options.model,
      });
    }
    return key || undefined;
  }

  async function post(path: string, body: object, options: ProviderCallOptions, stream: boolean) {
    const base = baseFor(options.apiBase, settings.baseURL ?? officialBaseURL);
    const apiKey = apiKeyFor(options, base);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
    };
    // Lower-cased so a configured `Authorization` replaces ours instead of duplicating it.
    for (const extra of [settings.headers, options.headers]) {
      if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
    }
    if (apiKey && headers.authorization === undefined) headers.authorization = `Bearer ${apiKey}`;
    const response = await getTransport().request({
      url: `${base}${path}`,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (response.status >= 200 && response.status < 300) return { response, apiKey };
    const text = await response.text(maxErrorBody).catch(() => '');
    throw mistralError({
      provider: id,
      model: options.model,
      status: response.status,
      headers: response.headers,
      body: text,
      secrets: [apiKey],
    });
  }

  async function readJson(response: TransportResponse, what: string, model: string) {
    const parsed = safeParseJson(await response.text());
    if (!parsed.ok || !isRecord(parsed.value)) {
      throw new BadGatewayError({
        message: `${id} sent a ${what} that is not valid JSON`,
        provider: id,
        model,
        code: 'invalid_upstream_response',
      });
    }
    return parsed.value;
  }

  const contextOf = (options: ProviderCallOptions) => ({
    provider: id,
    model: options.model,
    dropParams: options.dropParams === true,
  });

  return {
    id,
    capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      const body = prepareMistralChatBody(request, contextOf(options), false);
      const { response } = await post('/chat/completions', body, options, false);
      const json = await readJson(response, 'response', options.model);
      return convertMistralResponse(json, { provider: id, model: options.model });
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      const body = prepareMistralChatBody(request, contextOf(options), true);
      const { response, apiKey } = await post('/chat/completions', body, options, true);
      return parseMistralStream(response.body, {
        provider: id,
        model: options.model,
        includeUsage: request.stream_options?.include_usage === true,
        toError: (frame) =>
          mistralError({
            provider: id,
            model: options.model,
            status: statusOfMistralErrorFrame(frame),
            headers: {},
            body: frame,
            secrets: [apiKey],
          }),
      });
    },
    async embed(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse> {
      const body = prepareMistralEmbeddingBody(request, contextOf(options));
      const { response } = await post('/embeddings', body, options, false);
      const json = await readJson(response, 'embedding response', options.model);
      const converted = convertMistralEmbeddings(json, request, options.model);
      if (!converted) {
        throw new BadGatewayError({
          message: `${id} sent an embedding response without data`,
          provider: id,
          model: options.model,
          code: 'invalid_upstream_response',
        });
      }
      return converted;
    },
    async close() {
      await transport.close();
    },
  };
}

/** The default instance: key from `MISTRAL_API_KEY` at call time. */
export const mistral: Provider = createMistral();
