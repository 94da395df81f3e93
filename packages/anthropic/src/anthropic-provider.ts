import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  defaultCapabilities,
  type HttpTransport,
  isRecord,
  lazyTransport,
  meterPassthroughBody,
  type PassthroughRequest,
  type PassthroughResponse,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  safeParseJson,
  type TransportResponse,
} from '@switchyard/core';
import type { AnthropicMessagesRequest, AnthropicMessagesResponse } from './anthropic-api-types.js';
import { anthropicError, statusOfAnthropicError } from './anthropic-error.js';
import { anthropicDefaultBaseURL, anthropicMessagesUrl } from './anthropic-messages-url.js';
import { anthropicPassthroughReader } from './anthropic-passthrough-reader.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';
import { parseAnthropicStream } from './parse-anthropic-stream.js';
import { type PreparedAnthropicRequest, prepareAnthropicRequest } from './prepare-anthropic-request.js';

export interface AnthropicSettings {
  /** Default `ANTHROPIC_API_KEY` from the environment. */
  apiKey?: string;
  /**
   * Default `ANTHROPIC_API_BASE` or `ANTHROPIC_BASE_URL` from the environment, else
   * `https://api.anthropic.com`. A bare host (litellm's `api_base`), `…/v1` or `…/v1/messages`.
   */
  baseURL?: string;
  /** Headers sent with every request (after Switchyard's own, so they can replace them). */
  headers?: Record<string, string>;
  /** Provider id (default `anthropic`); set it to register a second Anthropic account. */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read for the key and base URL (default `process.env`). */
  env?: Record<string, string | undefined>;
  /** Clock behind `created` (ms since the epoch); default `Date.now`. */
  now?: () => number;
}

/** The API version Switchyard speaks (`anthropic-version`). */
export const anthropicVersion = '2023-06-01';

const maxErrorBody = 1024 * 1024;

/** Anthropic's Messages API (`POST {api_base}/v1/messages`) behind the OpenAI-shaped Provider interface. */
export function createAnthropic(settings: AnthropicSettings = {}): Provider {
  const id = settings.id ?? 'anthropic';
  const env = settings.env ?? process.env;
  const now = settings.now ?? Date.now;
  const transport = lazyTransport(settings.transport);
  const getTransport = transport.get;
  const capabilities: ProviderCapabilities = {
    ...defaultCapabilities,
    embeddings: false,
    tools: true,
    vision: true,
    jsonSchema: true,
    streamUsage: true,
    ...settings.capabilities,
  };

  function prepare(request: ChatRequest, options: ProviderCallOptions, stream: boolean) {
    return prepareAnthropicRequest(request, {
      provider: id,
      model: options.model,
      dropParams: options.dropParams === true,
      stream,
    });
  }

  function headersFor(options: ProviderCallOptions, prepared: PreparedAnthropicRequest, stream: boolean) {
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: stream ? 'text/event-stream' : 'application/json',
      'anthropic-version': anthropicVersion,
    };
    // Lower-cased so a configured header replaces ours instead of duplicating it.
    for (const extra of [settings.headers, options.headers]) {
      if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
    }
    const apiKey = options.apiKey ?? settings.apiKey ?? env.ANTHROPIC_API_KEY;
    if (apiKey && headers['x-api-key'] === undefined) headers['x-api-key'] = apiKey;
    if (headers['x-api-key'] === undefined && headers.authorization === undefined) {
      throw new AuthenticationError({
        message: `No API key for ${id}: set api_key on the deployment or the ANTHROPIC_API_KEY environment variable`,
        provider: id,
        model: options.model,
      });
    }
    const betas = anthropicBetas(headers['anthropic-beta'], options.params, prepared.betas);
    if (betas) headers['anthropic-beta'] = betas;
    else delete headers['anthropic-beta'];
    return { headers, apiKey: headers['x-api-key'] };
  }

  async function post(prepared: PreparedAnthropicRequest, options: ProviderCallOptions, stream: boolean) {
    const { headers, apiKey } = headersFor(options, prepared, stream);
    const base = options.apiBase ?? settings.baseURL ?? env.ANTHROPIC_API_BASE ?? env.ANTHROPIC_BASE_URL;
    const response = await getTransport().request({
      url: anthropicMessagesUrl(base ?? anthropicDefaultBaseURL),
      method: 'POST',
      headers,
      body: JSON.stringify(prepared.body),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    });
    if (response.status >= 200 && response.status < 300) return { response, apiKey };
    const text = await response.text(maxErrorBody).catch(() => '');
    throw anthropicError({
      provider: id,
      model: options.model,
      status: response.status,
      headers: response.headers,
      body: text,
      secrets: [apiKey],
    });
  }

  async function readMessage(response: TransportResponse, model: string): Promise<AnthropicMessagesResponse> {
    const parsed = safeParseJson(await response.text());
    if (!parsed.ok || !isRecord(parsed.value)) {
      throw new BadGatewayError({
        message: `${id} sent a response that is not valid JSON`,
        provider: id,
        model,
        code: 'invalid_upstream_response',
      });
    }
    if (!Array.isArray(parsed.value.content)) {
      throw new BadGatewayError({
        message: `${id} sent a response without content`,
        provider: id,
        model,
        code: 'invalid_upstream_response',
      });
    }
    return parsed.value as AnthropicMessagesResponse;
  }

  const created = () => Math.floor(now() / 1000);

  return {
    id,
    capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      const prepared = prepare(request, options, false);
      const { response } = await post(prepared, options, false);
      const message = await readMessage(response, options.model);
      return convertAnthropicResponse(message, {
        created: created(),
        ...(prepared.jsonToolName ? { jsonToolName: prepared.jsonToolName } : {}),
      });
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      const prepared = prepare(request, options, true);
      const { response, apiKey } = await post(prepared, options, true);
      return parseAnthropicStream(response.body, {
        provider: id,
        created: created(),
        includeUsage: request.stream_options?.include_usage === true,
        ...(prepared.jsonToolName ? { jsonToolName: prepared.jsonToolName } : {}),
        toError: (body) =>
          anthropicError({
            provider: id,
            model: options.model,
            status: statusOfAnthropicError(body),
            headers: {},
            body,
            secrets: [apiKey],
          }),
      });
    },
    passthrough: {
      apis: ['anthropic-messages'],
      async call(
        api: string,
        request: PassthroughRequest,
        options: ProviderCallOptions,
      ): Promise<PassthroughResponse> {
        if (api !== 'anthropic-messages' || (request.method ?? 'POST') !== 'POST' || request.path) {
          throw new BadRequestError({
            message: `${id} passes through only the Messages API (POST /v1/messages), not ${api}`,
            provider: id,
            model: options.model,
            code: 'unsupported_operation',
          });
        }
        const beta = request.headers?.['anthropic-beta'];
        const callOptions = beta
          ? { ...options, headers: { ...options.headers, 'anthropic-beta': beta } }
          : options;
        const prepared = { body: (request.body ?? {}) as unknown as AnthropicMessagesRequest, betas: [] };
        const { response } = await post(prepared, callOptions, request.stream);
        const metered = meterPassthroughBody(response.body, request.stream, anthropicPassthroughReader());
        return {
          status: response.status,
          contentType:
            response.headers['content-type'] ?? (request.stream ? 'text/event-stream' : 'application/json'),
          body: metered.body,
          reading: metered.reading,
        };
      },
    },
    async close() {
      await transport.close();
    },
  };
}

/**
 * The `anthropic-beta` header: betas already in the headers, a deployment's `anthropic-beta` (or
 * `anthropic_beta`) param, and those the body needs, comma-separated without repeats.
 */
export function anthropicBetas(
  header: string | undefined,
  params: Readonly<Record<string, unknown>> | undefined,
  needed: ReadonlyArray<string>,
): string | undefined {
  const betas = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') {
      for (const beta of value.split(',')) if (beta.trim() !== '') betas.add(beta.trim());
    } else if (Array.isArray(value)) {
      for (const item of value) add(item);
    }
  };
  add(header);
  add(params?.['anthropic-beta']);
  add(params?.anthropic_beta);
  add(needed);
  return betas.size > 0 ? [...betas].join(',') : undefined;
}

/** The default instance: key and base URL from the environment. */
export const anthropic: Provider = createAnthropic();
