import type { ErrorReply } from '../../core/provider.js';

const bearer = /^Bearer\s+(.+)$/i;

/** Mistral's gateway answers a missing or unknown `Authorization: Bearer` key with a bare 401. */
export function authenticateMistralRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = bearer.exec(headers.authorization ?? '')?.[1]?.trim();
  if (key !== undefined && apiKeys.includes(key)) {
    return undefined;
  }
  return { status: 401, body: { detail: 'Unauthorized' } };
}
