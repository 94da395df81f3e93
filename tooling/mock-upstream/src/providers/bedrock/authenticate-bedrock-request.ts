import type { ErrorReply } from '../../core/provider.js';
import type { RecordedRequest } from '../../core/recorded-request.js';
import { bedrockError } from './bedrock-error.js';
import { isValidSigV4Signature, parseSigV4Authorization } from './verify-sigv4.js';

const bearerPattern = /^Bearer\s+(.+)$/i;

/**
 * Bedrock's authentication: a Bedrock API key (`Authorization: Bearer <key>`, one of `apiKeys`) or a
 * SigV4 signature. `apiKeys` entries of the form `ACCESS_KEY_ID:SECRET` are IAM credentials: the
 * signature is verified with that secret over the request as received (method, path, query, signed
 * headers, SHA-256 of the body), and must be scoped to the `bedrock` service.
 */
export function authenticateBedrockRequest(
  headers: Record<string, string>,
  apiKeys: readonly string[],
  request: RecordedRequest,
): ErrorReply | undefined {
  const authorization = headers.authorization?.trim() ?? '';
  if (authorization === '') {
    return bedrockError(403, 'MissingAuthenticationTokenException', 'Missing Authentication Token');
  }
  const bearer = bearerPattern.exec(authorization);
  if (bearer) {
    return apiKeys.includes(bearer[1]?.trim() ?? '') ? undefined : invalidToken();
  }
  return authenticateSigV4(authorization, apiKeys, request);
}

function authenticateSigV4(
  header: string,
  apiKeys: readonly string[],
  request: RecordedRequest,
): ErrorReply | undefined {
  const authorization = parseSigV4Authorization(header);
  if (authorization === undefined || !authorization.signedHeaders.includes('host')) {
    return bedrockError(
      403,
      'IncompleteSignatureException',
      `Authorization header requires 'Credential', 'Signature' and 'SignedHeaders' (including host) parameters. Authorization=${header.split(' ')[0] ?? ''}`,
    );
  }
  const secret = secretFor(authorization.accessKeyId, apiKeys);
  if (secret === undefined) {
    return invalidToken();
  }
  if (authorization.service !== 'bedrock') {
    return bedrockError(
      403,
      'InvalidSignatureException',
      "Credential should be scoped to correct service: 'bedrock'.",
    );
  }
  if (!isValidSigV4Signature(request, authorization, secret)) {
    return bedrockError(
      403,
      'InvalidSignatureException',
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.',
    );
  }
  return undefined;
}

function secretFor(accessKeyId: string, apiKeys: readonly string[]): string | undefined {
  for (const entry of apiKeys) {
    const separator = entry.indexOf(':');
    if (separator > 0 && entry.slice(0, separator) === accessKeyId) {
      return entry.slice(separator + 1);
    }
  }
  return undefined;
}

function invalidToken(): ErrorReply {
  return bedrockError(
    403,
    'UnrecognizedClientException',
    'The security token included in the request is invalid.',
  );
}
