import type { AzureApiSurface } from './azure-api-version.js';

export type AzureOperation =
  | 'chat/completions'
  | 'embeddings'
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
