import {
  AuthenticationError,
  BadGatewayError,
  type HttpTransport,
  isRecord,
  type ProviderCallOptions,
  safeParseJson,
  type TransportResponse,
} from '@switchyard/core';
import { cohereError } from './cohere-error.js';

export const cohereBaseURL = 'https://api.cohere.com';
const maxErrorBody = 1024 * 1024;
const trailingSlashes = /\/+$/;
const endpointSuffix = /\/(chat|embed)$/;
const versionSuffix = /\/v2$/;

/**
 * The v2 root for a base URL as users write it: `https://api.cohere.com`, `…/v2`, or litellm's
 * full endpoint `…/v2/chat` all mean `https://api.cohere.com/v2`.
 */
export function cohereVersionRoot(base: string): string {
  const trimmed = base.replace(trailingSlashes, '').replace(endpointSuffix, '');
  return versionSuffix.test(trimmed) ? trimmed : `${trimmed}/v2`;
}

/** Where one call goes and with which key, from the call, the settings and the environment. */
export interface CohereEndpoint {
  provider: string;
  /** The v2 root, e.g. `https://api.cohere.com/v2`. */
  root: string;
  apiKey: string | undefined;
  /** Headers of the provider instance, then of the call (which win). */
  headers: ReadonlyArray<Record<string, string> | undefined>;
}

export interface CohereEndpointSources {
  provider: string;
  apiKey?: string | undefined;
  baseURL?: string | undefined;
  headers?: Record<string, string> | undefined;
  env: Record<string, string | undefined>;
}

/**
 * The call's api_base and key win over the instance's, which win over `COHERE_API_BASE` and
 * `COHERE_API_KEY` / `CO_API_KEY`. Cohere's own API without a key fails before any request.
 */
export function resolveCohereEndpoint(
  sources: CohereEndpointSources,
  options: ProviderCallOptions,
): CohereEndpoint {
  const { env } = sources;
  const base = options.apiBase ?? sources.baseURL ?? env.COHERE_API_BASE ?? cohereBaseURL;
  const apiKey = options.apiKey || sources.apiKey || env.COHERE_API_KEY || env.CO_API_KEY || undefined;
  const root = cohereVersionRoot(base);
  if (!apiKey && root === cohereVersionRoot(cohereBaseURL)) {
    throw new AuthenticationError({
      message: `No API key for ${sources.provider}: set api_key on the deployment or the COHERE_API_KEY (or CO_API_KEY) environment variable`,
      provider: sources.provider,
      model: options.model,
    });
  }
  return { provider: sources.provider, root, apiKey, headers: [sources.headers, options.headers] };
}

/**
 * POSTs a JSON body to `root + path` with the bearer key; a non-2xx answer is read (bounded) and
 * thrown as a classified core error.
 */
export async function postToCohere(
  transport: HttpTransport,
  endpoint: CohereEndpoint,
  request: { path: string; body: object; stream: boolean; options: ProviderCallOptions },
): Promise<TransportResponse> {
  const { options } = request;
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: request.stream ? 'text/event-stream' : 'application/json',
  };
  // Lower-cased so a configured `Authorization` replaces ours instead of duplicating it.
  for (const extra of endpoint.headers) {
    if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  }
  if (endpoint.apiKey && headers.authorization === undefined)
    headers.authorization = `Bearer ${endpoint.apiKey}`;
  const response = await transport.request({
    url: `${endpoint.root}${request.path}`,
    method: 'POST',
    headers,
    body: JSON.stringify(request.body),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (response.status >= 200 && response.status < 300) return response;
  const text = await response.text(maxErrorBody).catch(() => '');
  throw cohereError({
    provider: endpoint.provider,
    model: options.model,
    status: response.status,
    headers: response.headers,
    body: text,
    secrets: [endpoint.apiKey],
  });
}

export function invalidCohereAnswer(provider: string, model: string, what: string): BadGatewayError {
  return new BadGatewayError({
    message: `${provider} sent ${what}`,
    provider,
    model,
    code: 'invalid_upstream_response',
  });
}

/** A JSON object answer, or a BadGatewayError saying what was wrong with it. */
export async function readCohereJson<T extends object>(
  response: TransportResponse,
  context: { provider: string; model: string; what: string },
): Promise<T> {
  const parsed = safeParseJson(await response.text());
  if (!parsed.ok || !isRecord(parsed.value)) {
    throw invalidCohereAnswer(context.provider, context.model, `a ${context.what} that is not valid JSON`);
  }
  return parsed.value as T;
}
