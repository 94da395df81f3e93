import type { PassthroughRequest } from '@switchyard/core';
import { type AzureApiSurface, isOlderThan } from './azure-api-version.js';

export type AzureOperation =
  | 'chat/completions'
  | 'embeddings'
  | 'completions'
  | 'images/generations'
  | 'audio/speech'
  | 'audio/transcriptions';

const trailingSlashes = /\/+$/;
const openAIPath = /\/openai(?:\/v1)?$/;

/**
 * The resource endpoint without a trailing slash or an `/openai` (or `/openai/v1`) suffix, which
 * users often copy from the portal along with the host.
 */
export function normalizeAzureBase(apiBase: string): string {
  return apiBase.trim().replace(trailingSlashes, '').replace(openAIPath, '');
}

/**
 * The URL of an operation: `{base}/openai/deployments/{deployment}/{operation}?api-version={v}`
 * on dated versions, `{base}/openai/v1/{operation}` on the v1 surface. Credentials never go in
 * the URL.
 */
export function azureOperationUrl(
  apiBase: string,
  surface: AzureApiSurface,
  deployment: string,
  operation: AzureOperation,
): string {
  const base = normalizeAzureBase(apiBase);
  if (surface.kind === 'v1') {
    const query = surface.query === undefined ? '' : `?api-version=${encodeURIComponent(surface.query)}`;
    return `${base}/openai/v1/${operation}${query}`;
  }
  return `${base}/openai/deployments/${encodeURIComponent(deployment)}/${operation}?api-version=${encodeURIComponent(surface.version)}`;
}

/** The first dated (preview) api-version with the Responses API at `/openai/responses`. */
export const firstResponsesApiVersion = '2025-03-01';

/**
 * Whether an api-version reaches the Responses API: the v1 surface does (`/openai/v1/responses`),
 * and dated previews from 2025-03-01-preview on (`/openai/responses?api-version=…`); older dated
 * versions have no such route.
 */
export function hasResponsesApi(surface: AzureApiSurface): boolean {
  return (
    surface.kind === 'v1' || (surface.date !== undefined && !isOlderThan(surface, firstResponsesApiVersion))
  );
}

/**
 * The URL of a Responses API call: the collection or a stored response below it (`path`), on the
 * v1 surface `{base}/openai/v1/responses…`, on a dated preview `{base}/openai/responses…?api-version=`.
 * The deployment travels as the body's `model`. The client's query parameters follow ours and can
 * never replace the api-version.
 */
export function azureResponsesUrl(
  apiBase: string,
  surface: AzureApiSurface,
  path = '',
  query: PassthroughRequest['query'] = {},
): string {
  const base = normalizeAzureBase(apiBase);
  const params = new URLSearchParams();
  const version = surface.kind === 'v1' ? surface.query : surface.version;
  if (version !== undefined) params.append('api-version', version);
  for (const [name, value] of Object.entries(query)) {
    if (name === 'api-version') continue;
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item);
  }
  const search = params.toString();
  const collection = surface.kind === 'v1' ? '/openai/v1/responses' : '/openai/responses';
  return `${base}${collection}${path}${search === '' ? '' : `?${search}`}`;
}
