import type { ErrorReply } from '../../core/provider.js';
import { anthropicError } from './anthropic-error.js';

/** Anthropic refuses requests without an `anthropic-version` header (e.g. `2023-06-01`). */
export function checkAnthropicVersion(headers: Record<string, string>): ErrorReply | undefined {
  const version = headers['anthropic-version']?.trim();
  if (version === undefined || version === '') {
    return anthropicError(400, 'anthropic-version: header is required');
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(version)
    ? undefined
    : anthropicError(400, `anthropic-version: invalid version ${JSON.stringify(version)}`);
}
