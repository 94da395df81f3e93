import type { ErrorReply } from '../../core/provider.js';
import { cohereError } from './cohere-error.js';

const bearerPattern = /^Bearer\s+(.+)$/i;

/** Cohere's 401 for a missing or unknown `Authorization: Bearer` key. */
export function authenticateCohereRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = bearerPattern.exec(headers.authorization ?? '')?.[1]?.trim();
  if (key === undefined || key === '') {
    return cohereError(401, 'no api key supplied');
  }
  return apiKeys.includes(key) ? undefined : cohereError(401, 'invalid api token');
}
