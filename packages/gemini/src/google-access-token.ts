import { createHash, createSign } from 'node:crypto';
import {
  AbortedError,
  AuthenticationError,
  errorFromStatus,
  type HttpTransport,
  isRecord,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import type { GoogleCredentials, ServiceAccountCredentials } from './google-credentials.js';

export const CLOUD_PLATFORM_SCOPE = 'https://www.googleapis.com/auth/cloud-platform';
const JWT_BEARER_GRANT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ASSERTION_LIFETIME_SECONDS = 3600;
/** Refresh this long before expiry (google-auth-library's eager refresh), at most half the lifetime. */
const REFRESH_MARGIN_MS = 5 * 60_000;
const MAX_TOKEN_RESPONSE_BYTES = 64 * 1024;

export interface AccessTokenSourceOptions {
  provider: string;
  transport: () => HttpTransport;
  /** Clock in ms (injected for tests). */
  now: () => number;
  /** Deadline of one token exchange. Default 30 s. */
  timeoutMs?: number;
}

export interface AccessTokenRequest {
  model: string;
  signal?: AbortSignal;
}

/** OAuth2 access tokens for Google credentials: cached until shortly before expiry, refreshes shared. */
export interface AccessTokenSource {
  token(credentials: GoogleCredentials, request: AccessTokenRequest): Promise<string>;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

const base64url = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** A signed RS256 JWT asserting the service account, for Google's token endpoint (RFC 7523). */
export function signServiceAccountAssertion(credentials: ServiceAccountCredentials, nowMs: number): string {
  const issuedAt = Math.floor(nowMs / 1000);
  const header = {
    alg: 'RS256',
    typ: 'JWT',
    ...(credentials.privateKeyId ? { kid: credentials.privateKeyId } : {}),
  };
  const claims = {
    iss: credentials.clientEmail,
    scope: CLOUD_PLATFORM_SCOPE,
    aud: credentials.tokenUri,
    iat: issuedAt,
    exp: issuedAt + ASSERTION_LIFETIME_SECONDS,
  };
  const unsigned = `${base64url(header)}.${base64url(claims)}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(credentials.privateKey, 'base64url')}`;
}

function cacheKey(credentials: GoogleCredentials): string {
  const identity =
    credentials.type === 'service_account'
      ? `${credentials.clientEmail}\n${credentials.privateKey}\n${credentials.tokenUri}`
      : `${credentials.clientId}\n${credentials.refreshToken}\n${credentials.tokenUri}`;
  return createHash('sha256').update(identity).digest('hex');
}

/** Waits for a shared promise, giving up (without cancelling it) when this caller aborts. */
function waitFor<T>(promise: Promise<T>, signal: AbortSignal | undefined, provider: string): Promise<T> {
  if (signal === undefined) return promise;
  const aborted = () =>
    new AbortedError({ message: 'The request was aborted while getting an access token', provider });
  if (signal.aborted) return Promise.reject(aborted());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(aborted());
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

export function createAccessTokenSource(options: AccessTokenSourceOptions): AccessTokenSource {
  const cache = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<CachedToken>>();

  function grant(
    credentials: GoogleCredentials,
    model: string,
  ): { form: URLSearchParams; secrets: string[] } {
    if (credentials.type === 'authorized_user') {
      const { clientId, clientSecret, refreshToken } = credentials;
      const form = new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: clientId,
        client_secret: clientSecret,
        refresh_token: refreshToken,
      });
      return { form, secrets: [clientSecret, refreshToken] };
    }
    let assertion: string;
    try {
      assertion = signServiceAccountAssertion(credentials, options.now());
    } catch (error) {
      throw new AuthenticationError({
        message: `${options.provider} credentials have a private_key that cannot sign (not a PEM RSA key)`,
        provider: options.provider,
        model,
        cause: error,
      });
    }
    return { form: new URLSearchParams({ grant_type: JWT_BEARER_GRANT, assertion }), secrets: [assertion] };
  }

  async function exchange(credentials: GoogleCredentials, model: string): Promise<CachedToken> {
    const { form, secrets } = grant(credentials, model);
    const startedAt = options.now();
    const response = await options.transport().request({
      url: credentials.tokenUri,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: form.toString(),
      timeoutMs: options.timeoutMs ?? 30_000,
    });
    const text = await response.text(MAX_TOKEN_RESPONSE_BYTES);
    const parsed = safeParseJson(text);
    const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
    if (response.status < 200 || response.status >= 300 || typeof body.access_token !== 'string') {
      throw tokenError(response.status, body, redactSecrets(text, secrets), model);
    }
    const lifetimeMs = (typeof body.expires_in === 'number' ? body.expires_in : 3600) * 1000;
    return {
      token: body.access_token,
      refreshAt: startedAt + lifetimeMs - Math.min(REFRESH_MARGIN_MS, lifetimeMs / 2),
    };
  }

  function tokenError(
    status: number,
    body: Record<string, unknown>,
    text: string,
    model: string,
  ): SwitchyardError {
    const reason = [body.error, body.error_description].filter((part) => typeof part === 'string').join(': ');
    const message = `${options.provider} could not get an access token from Google (HTTP ${status}${reason ? `, ${reason}` : ''})`;
    const info = { message, provider: options.provider, model, body: text.slice(0, 4096) };
    if (status >= 200 && status < 300) return errorFromStatus({ ...info, status: 502 });
    // The token endpoint refusing the credentials (invalid_grant, invalid_client) is an auth failure.
    if (status === 400 || status === 401 || status === 403)
      return new AuthenticationError({ ...info, upstreamStatus: status });
    return errorFromStatus({ ...info, status });
  }

  return {
    async token(credentials, request) {
      const key = cacheKey(credentials);
      const cached = cache.get(key);
      if (cached && cached.refreshAt > options.now()) return cached.token;
      let refresh = pending.get(key);
      if (refresh === undefined) {
        refresh = exchange(credentials, request.model)
          .then((entry) => {
            cache.set(key, entry);
            return entry;
          })
          .finally(() => pending.delete(key));
        pending.set(key, refresh);
      }
      return (await waitFor(refresh, request.signal, options.provider)).token;
    },
  };
}
