import type {
  ErrorBodyContext,
  ErrorReply,
  MockProvider,
  MockRoute,
  RouteContext,
} from '../../core/provider.js';
import { safeParseJson } from '../../core/safe-parse-json.js';
import { sendErrorReply, sendJson } from '../../core/send-json.js';
import { mintMockAccessToken } from './mock-access-token.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const TOKEN_LIFETIME_SECONDS = 3599;
/** Google refuses assertions living longer than an hour (plus some clock skew). */
const MAX_ASSERTION_LIFETIME_SECONDS = 3600;

/** Google's OAuth 2.0 error shape: `{"error":"invalid_grant","error_description":"…"}`. */
export function oauthError(status: number, error: string, description: string): ErrorReply {
  return { status, body: { error, error_description: description } };
}

type Claims = Record<string, unknown>;

function decodeSegment(segment: string | undefined): Claims | undefined {
  if (segment === undefined || segment === '') {
    return undefined;
  }
  const parsed = safeParseJson(Buffer.from(segment, 'base64url').toString('utf8'));
  return parsed.ok && typeof parsed.value === 'object' && parsed.value !== null
    ? (parsed.value as Claims)
    : undefined;
}

/**
 * Checks an RS256 service-account assertion the way Google's token endpoint does, signature aside
 * (the mock has no registry of public keys; the adapter's own tests verify the signature):
 * algorithm, issuer, scope, audience (the URL it was posted to), and a short, current lifetime.
 */
export function checkAssertion(assertion: string, audience: string, now: number): ErrorReply | string {
  const [headerPart, claimsPart, signature] = assertion.split('.');
  const header = decodeSegment(headerPart);
  const claims = decodeSegment(claimsPart);
  if (header === undefined || claims === undefined || signature === undefined || signature === '') {
    return oauthError(400, 'invalid_grant', 'Invalid JWT: the assertion is not a signed JWT.');
  }
  if (header.alg !== 'RS256') {
    return oauthError(400, 'invalid_grant', `Invalid JWT: unsupported algorithm ${String(header.alg)}.`);
  }
  if (typeof claims.iss !== 'string' || claims.iss === '') {
    return oauthError(400, 'invalid_grant', 'Invalid JWT: the iss claim is missing.');
  }
  if (typeof claims.scope !== 'string' || !claims.scope.split(' ').includes(CLOUD_PLATFORM_SCOPE)) {
    return oauthError(400, 'invalid_scope', 'Invalid OAuth scope or ID token audience provided.');
  }
  if (claims.aud !== audience) {
    return oauthError(400, 'invalid_grant', `Invalid JWT: aud must be ${audience}.`);
  }
  const seconds = Math.floor(now / 1000);
  const { iat, exp } = claims;
  if (
    typeof iat !== 'number' ||
    typeof exp !== 'number' ||
    exp <= seconds ||
    iat > seconds + 60 ||
    exp - iat > MAX_ASSERTION_LIFETIME_SECONDS
  ) {
    return oauthError(
      400,
      'invalid_grant',
      'Invalid JWT: Token must be a short-lived token (60 minutes) and in a reasonable timeframe. Check your iat and exp values in the JWT claim.',
    );
  }
  return claims.iss;
}

function accountFor(context: RouteContext, form: URLSearchParams): ErrorReply | string {
  const grantType = form.get('grant_type');
  if (grantType === JWT_BEARER) {
    const audience = `http://${context.request.headers.host ?? ''}${context.request.path}`;
    return checkAssertion(form.get('assertion') ?? '', audience, Date.now());
  }
  if (grantType === 'refresh_token') {
    const client = form.get('client_id');
    if (!client || !form.get('client_secret') || !form.get('refresh_token')) {
      return oauthError(400, 'invalid_request', 'Missing required parameter: refresh_token');
    }
    return client;
  }
  return oauthError(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
}

/** `POST /token`: Google's OAuth 2.0 token endpoint (the `token_uri` of a service account key). */
export const googleTokenRoute: MockRoute = {
  method: 'POST',
  path: '/token',
  rawBody: true,
  async handle(context) {
    const account = accountFor(context, new URLSearchParams(context.request.rawBody));
    if (typeof account !== 'string') {
      return sendErrorReply(context, account);
    }
    sendJson(context, 200, {
      access_token: mintMockAccessToken(account, Date.now() + TOKEN_LIFETIME_SECONDS * 1000),
      expires_in: TOKEN_LIFETIME_SECONDS,
      token_type: 'Bearer',
    });
  },
};

function defaultOAuthErrorBody(context: ErrorBodyContext): unknown {
  switch (context.status) {
    case 400:
      return oauthError(400, 'invalid_grant', 'Invalid JWT Signature.').body;
    case 401:
      return oauthError(401, 'invalid_client', 'The OAuth client was not found.').body;
    case 429:
      return oauthError(429, 'rate_limit_exceeded', 'Rate limit exceeded.').body;
    default:
      return oauthError(context.status, 'internal_failure', 'Backend Error').body;
  }
}

/** Google's OAuth 2.0 token endpoint, for Vertex AI's service-account credentials. */
export const googleOAuthProvider: MockProvider = {
  name: 'google-oauth',
  pathPrefixes: [''],
  routes: [googleTokenRoute],
  errorBody: defaultOAuthErrorBody,
  invalidJson: () => oauthError(400, 'invalid_request', 'Invalid request body.'),
  routeNotFound: (method, path) => oauthError(404, 'not_found', `${method} ${path} not found.`),
  // The assertion itself is the credential; `apiKeys` apply to the API calls made with the token.
  authenticate: () => undefined,
  responseHeaders: () => ({ 'cache-control': 'no-cache, no-store, max-age=0, must-revalidate' }),
};
