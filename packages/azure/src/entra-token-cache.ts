import {
  AbortedError,
  AuthenticationError,
  BadGatewayError,
  errorFromStatus,
  type HttpTransport,
  isRecord,
  parseRetryAfter,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import type { AzureClientSecret } from './azure-credentials.js';

export interface EntraTokenCacheOptions {
  provider: string;
  transport: () => HttpTransport;
  now: () => number;
  /** Deadline for one token request (default 30 s). */
  timeoutMs?: number;
}

export interface EntraTokenCache {
  /** A valid token for the application, fetched once and reused until shortly before it expires. */
  get(application: AzureClientSecret, signal?: AbortSignal): Promise<string>;
}

interface CachedToken {
  token: string;
  refreshAt: number;
}

const trailingSlashes = /\/+$/;
const maxBody = 64 * 1024;
/** Refresh five minutes early (or half-way, for short-lived tokens) so a call never sends a stale one. */
const refreshMarginMs = 5 * 60_000;

export function entraTokenUrl(application: AzureClientSecret): string {
  const host = application.authorityHost.replace(trailingSlashes, '');
  return `${host}/${encodeURIComponent(application.tenantId)}/oauth2/v2.0/token`;
}

/**
 * Microsoft Entra ID's client-credentials flow (a service principal's secret exchanged for an
 * access token at `{authority}/{tenant}/oauth2/v2.0/token`), with the tokens cached per
 * application and scope until shortly before they expire, and concurrent misses sharing one request.
 */
export function createEntraTokenCache(options: EntraTokenCacheOptions): EntraTokenCache {
  const tokens = new Map<string, CachedToken>();
  const pending = new Map<string, Promise<CachedToken>>();
  return {
    async get(application, signal) {
      const key = JSON.stringify([
        application.authorityHost,
        application.tenantId,
        application.clientId,
        application.clientSecret,
        application.scope,
      ]);
      const cached = tokens.get(key);
      if (cached && options.now() < cached.refreshAt) return cached.token;
      let request = pending.get(key);
      if (!request) {
        request = fetchToken(application, options).then(
          (token) => {
            tokens.set(key, token);
            return token;
          },
          (error: unknown) => {
            tokens.delete(key);
            throw error;
          },
        );
        pending.set(key, request);
        void request.then(
          () => pending.delete(key),
          () => pending.delete(key),
        );
      }
      return (await untilAborted(request, signal)).token;
    },
  };
}

async function fetchToken(
  application: AzureClientSecret,
  options: EntraTokenCacheOptions,
): Promise<CachedToken> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: application.clientId,
    client_secret: application.clientSecret,
    scope: application.scope,
  });
  const response = await options.transport().request({
    url: entraTokenUrl(application),
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: form.toString(),
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  const text = await response.text(maxBody);
  if (response.status < 200 || response.status >= 300) {
    throw tokenError(response.status, response.headers, text, application, options.provider);
  }
  const parsed = safeParseJson(text);
  const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const expiresIn = Number(body.expires_in);
  if (typeof body.access_token !== 'string' || body.access_token === '' || !Number.isFinite(expiresIn)) {
    throw new BadGatewayError({
      message: `Microsoft Entra ID sent a token response without access_token or expires_in (${options.provider})`,
      provider: options.provider,
      code: 'invalid_upstream_response',
    });
  }
  const lifetimeMs = expiresIn * 1000;
  return {
    token: body.access_token,
    refreshAt: options.now() + lifetimeMs - Math.min(refreshMarginMs, lifetimeMs / 2),
  };
}

function tokenError(
  status: number,
  headers: Record<string, string>,
  text: string,
  application: AzureClientSecret,
  provider: string,
): SwitchyardError {
  const parsed = safeParseJson(text);
  const body = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const detail =
    typeof body.error_description === 'string'
      ? body.error_description
      : typeof body.error === 'string'
        ? body.error
        : `HTTP ${status}`;
  const message = redactSecrets(
    `Microsoft Entra ID refused the client credentials of ${provider} (tenant ${application.tenantId}, client ${application.clientId}): ${detail}`,
    [application.clientSecret],
  );
  const retryAfterMs = parseRetryAfter(headers);
  const common = { message, provider, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) };
  if (status >= 400 && status < 500 && status !== 408 && status !== 429) {
    return new AuthenticationError({ ...common, upstreamStatus: status });
  }
  return errorFromStatus({ ...common, status });
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortedError());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(abortedError());
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

const abortedError = () =>
  new AbortedError({ message: 'The request was aborted by the caller while waiting for an Entra ID token' });
