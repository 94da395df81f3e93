import type { ErrorReply } from '../../core/provider.js';
import { openAIError } from './openai-error.js';

/** OpenAI's 401 for a missing or unknown `Authorization: Bearer` key; the key is never echoed whole. */
export function authenticateOpenAIRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const match = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '');
  const key = match?.[1]?.trim();
  if (key === undefined || key === '') {
    return openAIError(
      401,
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      { code: 'invalid_api_key' },
    );
  }
  if (apiKeys.includes(key)) {
    return undefined;
  }
  return openAIError(
    401,
    `Incorrect API key provided: ${maskKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    { code: 'invalid_api_key' },
  );
}

function maskKey(key: string): string {
  return key.length <= 8 ? '****' : `${key.slice(0, 3)}${'*'.repeat(8)}${key.slice(-4)}`;
}
