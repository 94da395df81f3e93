import type { ErrorReply } from '../../core/provider.js';
import { anthropicError } from './anthropic-error.js';

/** Anthropic's 401s for a missing or unknown `x-api-key`; the key is never echoed. */
export function authenticateAnthropicRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = headers['x-api-key']?.trim();
  if (key === undefined || key === '') {
    return anthropicError(401, 'x-api-key header is required');
  }
  return apiKeys.includes(key) ? undefined : anthropicError(401, 'invalid x-api-key');
}
