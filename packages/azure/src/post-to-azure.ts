import {
  attachRawJson,
  BadGatewayError,
  type HttpTransport,
  isRecord,
  type ProviderCallOptions,
  safeParseJson,
  type TransportResponse,
} from '@switchyard/core';
import type { AzureAuth } from './azure-auth-headers.js';
import { azureError } from './azure-error.js';

/** A request body other than JSON (a multipart form), with its content type. */
export interface AzurePayload {
  body: string | Uint8Array;
  contentType: string;
}

export interface AzurePost {
  provider: string;
  transport: HttpTransport;
  url: string;
  /** Default `POST`. */
  method?: 'GET' | 'POST' | 'DELETE';
  /** A JSON body; absent on GET and DELETE; ignored when `payload` is given. */
  body?: object;
  /** A body sent as it is (a multipart form) instead of `body` as JSON. */
  payload?: AzurePayload;
  options: ProviderCallOptions;
  stream: boolean;
  /** The `accept` header (default: JSON, or an event stream when streaming). */
  accept?: string;
  /** Headers sent with every request (the provider's, then the deployment's). */
  headers: ReadonlyArray<Record<string, string> | undefined>;
  /** The credential's header, asked for only when no `api-key` or `Authorization` header is configured. */
  auth: () => Promise<AzureAuth>;
}

const maxErrorBody = 1024 * 1024;

/** Sends a call (a JSON body or a given payload, if any); a non-2xx answer becomes the core error for it, with the secrets redacted. */
export async function postToAzure(
  post: AzurePost,
): Promise<{ response: TransportResponse; secrets: string[] }> {
  const { options } = post;
  const payload =
    post.payload ??
    (post.body !== undefined
      ? { body: JSON.stringify(post.body), contentType: 'application/json' }
      : undefined);
  const headers: Record<string, string> = {
    accept: post.accept ?? (post.stream ? 'text/event-stream' : 'application/json'),
  };
  if (payload) headers['content-type'] = payload.contentType;
  // Lower-cased so a configured `api-key` or `Authorization` replaces ours instead of duplicating it.
  for (const extra of post.headers) {
    if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  }
  const configured = headers['api-key'] !== undefined || headers.authorization !== undefined;
  const auth = configured ? { headers: {}, secrets: [] } : await post.auth();
  const response = await post.transport.request({
    url: post.url,
    method: post.method ?? 'POST',
    headers: { ...headers, ...auth.headers },
    ...(payload ? { body: payload.body } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (response.status >= 200 && response.status < 300) return { response, secrets: auth.secrets };
  const text = await response.text(maxErrorBody).catch(() => '');
  throw azureError({
    provider: post.provider,
    model: options.model,
    status: response.status,
    headers: response.headers,
    body: text,
    secrets: auth.secrets,
  });
}

export function invalidAzureResponse(provider: string, message: string, model: string): BadGatewayError {
  return new BadGatewayError({ message, provider, model, code: 'invalid_upstream_response' });
}

/** Reads a JSON object answer, linked to its text for pass-through; anything else is a 502. */
export async function readAzureJson<T extends object>(
  response: TransportResponse,
  context: { provider: string; model: string; what: string },
): Promise<T> {
  const text = await response.text();
  const parsed = safeParseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) {
    throw invalidAzureResponse(
      context.provider,
      `${context.provider} sent a ${context.what} that is not valid JSON`,
      context.model,
    );
  }
  return attachRawJson(parsed.value as T, text);
}
