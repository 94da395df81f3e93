import {
  attachRawJson,
  BadGatewayError,
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type EmbeddingRequest,
  type HttpTransport,
  type ImageGenerationRequest,
  isRecord,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  safeParseJson,
  type TransportResponse,
} from '@switchyard/core';
import { convertGeminiResponse } from './convert-gemini-response.js';
import { convertImagenResponse } from './convert-imagen-response.js';
import { convertGeminiEmbeddings, prepareGeminiEmbeddings } from './gemini-embeddings.js';
import { geminiError } from './gemini-error.js';
import { parseGeminiStream } from './parse-gemini-stream.js';
import { prepareGeminiRequest } from './prepare-gemini-request.js';
import { prepareImagenRequest } from './prepare-imagen-request.js';

export type GoogleMethod = 'generateContent' | 'streamGenerateContent' | 'batchEmbedContents' | 'predict';

export interface GoogleAuth {
  headers: Record<string, string>;
  /** Values to scrub from errors (the key or token). */
  secrets: string[];
}

/** What differs between the Gemini API and Vertex AI: where to send a call and how to sign it. */
export interface GoogleProviderConfig {
  id: string;
  capabilities: ProviderCapabilities;
  /** Vertex AI: takes `labels`, has no batchEmbedContents. */
  vertex: boolean;
  transport: () => HttpTransport;
  /** Closes the transport if the provider created it (an injected one stays open). */
  closeTransport: () => Promise<void>;
  /** The URL of a model method (the model id already stripped of any `models/` prefix). */
  url(options: ProviderCallOptions, model: string, method: GoogleMethod): Promise<string>;
  auth(options: ProviderCallOptions): Promise<GoogleAuth>;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  now: () => number;
}

const maxErrorBody = 1024 * 1024;
const modelsPrefix = /^models\//;

/** The Gemini generateContent wire format over one transport, signed and addressed by `config`. */
export function createGoogleProvider(config: GoogleProviderConfig): Provider {
  const upstreamModel = (options: ProviderCallOptions) => options.model.replace(modelsPrefix, '');

  async function post(options: ProviderCallOptions, method: GoogleMethod, body: object, stream: boolean) {
    const model = upstreamModel(options);
    const [url, auth] = await Promise.all([config.url(options, model, method), config.auth(options)]);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
    };
    for (const extra of [config.headers, options.headers]) {
      if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
    }
    for (const [name, value] of Object.entries(auth.headers)) headers[name] ??= value;
    const response = await config.transport().request({
      url: stream ? `${url}?alt=sse` : url,
      method: 'POST',
      headers,
      body: JSON.stringify(body),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    const toError = (status: number, text: string) =>
      geminiError({
        provider: config.id,
        model: options.model,
        status,
        headers: response.headers,
        body: text,
        secrets: auth.secrets,
      });
    if (response.status >= 200 && response.status < 300) return { response, toError };
    throw toError(response.status, await response.text(maxErrorBody).catch(() => ''));
  }

  async function readJson(
    response: TransportResponse,
    what: string,
    model: string,
  ): Promise<Record<string, unknown>> {
    const text = await response.text();
    const parsed = safeParseJson(text);
    if (!parsed.ok || !isRecord(parsed.value)) {
      throw new BadGatewayError({
        message: `${config.id} sent a ${what} that is not valid JSON`,
        provider: config.id,
        model,
        code: 'invalid_upstream_response',
      });
    }
    return attachRawJson(parsed.value, text);
  }

  const requestContext = (options: ProviderCallOptions) => ({
    provider: config.id,
    model: options.model,
    dropParams: options.dropParams === true,
    vertex: config.vertex,
  });
  const created = () => Math.floor(config.now() / 1000);

  const provider: Provider = {
    id: config.id,
    capabilities: config.capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions) {
      const body = prepareGeminiRequest(request, requestContext(options));
      const { response } = await post(options, 'generateContent', body, false);
      const json = await readJson(response, 'response', options.model);
      return convertGeminiResponse(json, { provider: config.id, model: options.model, created: created() });
    },
    async stream(request: ChatRequest, options: ProviderCallOptions) {
      const body = prepareGeminiRequest(request, requestContext(options));
      const { response, toError } = await post(options, 'streamGenerateContent', body, true);
      const chunks = parseGeminiStream(response.body, {
        provider: config.id,
        model: options.model,
        created: created(),
        includeUsage: request.stream_options?.include_usage === true,
        toError: (text) => toError(0, text),
      });
      return startStream(chunks);
    },
    async generateImage(request: ImageGenerationRequest, options: ProviderCallOptions) {
      const context = { provider: config.id, model: options.model, dropParams: options.dropParams === true };
      const { response } = await post(options, 'predict', prepareImagenRequest(request, context), false);
      const json = await readJson(response, 'image response', options.model);
      return convertImagenResponse(json, { provider: config.id, model: options.model, created: created() });
    },
    async close() {
      await config.closeTransport();
    },
  };
  if (config.capabilities.embeddings) {
    provider.embed = async (request: EmbeddingRequest, options: ProviderCallOptions) => {
      const context = { provider: config.id, model: upstreamModel(options) };
      const { response } = await post(
        options,
        'batchEmbedContents',
        prepareGeminiEmbeddings(request, context),
        false,
      );
      return convertGeminiEmbeddings(
        await readJson(response, 'embedding response', options.model),
        request,
        context,
      );
    };
  }
  return provider;
}

/**
 * Reads the first chunk before handing the stream over, so an error Gemini sends as the first event
 * (a blocked prompt, an error object) rejects `stream()` itself and the router can still retry or
 * fall back. Breaking out of the returned stream stops the upstream request.
 */
async function startStream(chunks: AsyncGenerator<ChatChunk>): Promise<ChatChunkStream> {
  const first = await chunks.next();
  return {
    async *[Symbol.asyncIterator]() {
      if (first.done) return;
      try {
        yield first.value;
        yield* chunks;
      } finally {
        await chunks.return(undefined);
      }
    },
  };
}
