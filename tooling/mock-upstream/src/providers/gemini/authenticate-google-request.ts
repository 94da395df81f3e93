import type { ErrorReply } from '../../core/provider.js';
import { apiKeyInvalidError, googleError, UNAUTHENTICATED_MESSAGE } from './google-error.js';
import { readMockAccessToken } from './mock-access-token.js';

const bearerPattern = /^Bearer\s+(.+)$/i;

/**
 * The Gemini API (AI Studio): the key travels in `x-goog-api-key`. A missing key is a 403
 * PERMISSION_DENIED, a wrong one a 400 API_KEY_INVALID, as Google answers them.
 */
export function authenticateGeminiRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = headers['x-goog-api-key']?.trim();
  if (key === undefined || key === '') {
    return googleError(
      403,
      "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
    );
  }
  return apiKeys.includes(key) ? undefined : apiKeyInvalidError();
}

/**
 * Vertex AI: an OAuth2 access token in `Authorization: Bearer`. Accepted when it is one of `apiKeys`
 * itself, or a token this mock's `/token` endpoint issued, unexpired, to an account in `apiKeys`.
 */
export function authenticateVertexRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const token = bearerPattern.exec(headers.authorization ?? '')?.[1]?.trim();
  if (token === undefined || token === '') {
    return googleError(
      401,
      'Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
    );
  }
  if (apiKeys.includes(token)) {
    return undefined;
  }
  const issued = readMockAccessToken(token);
  if (issued !== undefined && issued.expiresAt > Date.now() && apiKeys.includes(issued.account)) {
    return undefined;
  }
  return googleError(401, UNAUTHENTICATED_MESSAGE, [
    {
      '@type': 'type.googleapis.com/google.rpc.ErrorInfo',
      reason: 'ACCESS_TOKEN_TYPE_UNSUPPORTED',
      domain: 'googleapis.com',
      metadata: {
        service: 'aiplatform.googleapis.com',
        method: 'google.cloud.aiplatform.v1.PredictionService.GenerateContent',
      },
    },
  ]);
}
