const trailingSlashes = /\/+$/;

/** Anthropic's API host; litellm's `api_base` for Anthropic is a bare host like this one. */
export const anthropicDefaultBaseURL = 'https://api.anthropic.com';

/**
 * The Messages endpoint for a base URL given as a bare host (`https://api.anthropic.com`, litellm's
 * habit), with the version (`…/v1`, the SDKs' habit) or as the endpoint itself (`…/v1/messages`),
 * so no form doubles a path segment.
 */
export function anthropicMessagesUrl(baseURL: string): string {
  const base = baseURL.replace(trailingSlashes, '');
  if (base.endsWith('/v1/messages')) return base;
  if (base.endsWith('/v1')) return `${base}/messages`;
  return `${base}/v1/messages`;
}
