import type { ErrorReply } from '../../core/provider.js';
import { azureAccessDenied, azureInvalidToken } from './azure-error.js';

const bearerPattern = /^Bearer\s+(.+)$/i;

/**
 * Azure accepts a resource key in the `api-key` header or a Microsoft Entra ID token as
 * `Authorization: Bearer`; here a token is valid when it is one of the mock's keys.
 */
export function authenticateAzureRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = headers['api-key']?.trim();
  if (key) {
    return apiKeys.includes(key) ? undefined : azureAccessDenied();
  }
  const token = bearerPattern.exec(headers.authorization ?? '')?.[1]?.trim();
  if (token) {
    return apiKeys.includes(token) ? undefined : azureInvalidToken();
  }
  return azureAccessDenied();
}
