import { createVerify } from 'node:crypto';
import { AbortedError, createHttpTransport } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testServiceAccount } from './__fixtures__/service-account.js';
import { createAccessTokenSource, signServiceAccountAssertion } from './google-access-token.js';
import { parseGoogleCredentials, type ServiceAccountCredentials } from './google-credentials.js';

const context = { provider: 'vertex_ai', model: 'gemini-2.0-flash' };
const transport = createHttpTransport();
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream();
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await transport.close();
  await mock.close();
});

describe('signServiceAccountAssertion', () => {
  it('signs an RS256 JWT for the cloud-platform scope, addressed to the token URI, living an hour', () => {
    const account = testServiceAccount('https://oauth2.googleapis.com');
    const credentials = parseGoogleCredentials(account.json, context) as ServiceAccountCredentials;

    const jwt = signServiceAccountAssertion(credentials, 1_754_000_000_123);

    const [header, claims, signature] = jwt.split('.');
    expect(JSON.parse(Buffer.from(claims ?? '', 'base64url').toString())).toEqual({
      iss: account.json.client_email,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: 'https://oauth2.googleapis.com/token',
      iat: 1_754_000_000,
      exp: 1_754_003_600,
    });
    expect(
      createVerify('RSA-SHA256')
        .update(`${header}.${claims}`)
        .verify(account.publicKey, signature ?? '', 'base64url'),
    ).toBe(true);
  });
});

describe('createAccessTokenSource', () => {
  it('exchanges authorized-user credentials with the refresh_token grant', async () => {
    const tokens = createAccessTokenSource({
      provider: 'vertex_ai',
      transport: () => transport,
      now: Date.now,
    });
    const credentials = parseGoogleCredentials(
      {
        type: 'authorized_user',
        client_id: 'client-1',
        client_secret: 'secret-1',
        refresh_token: '1//refresh',
        token_uri: `${mock.url}/token`,
      },
      context,
    );

    const token = await tokens.token(credentials, context);

    expect(token).toMatch(/^ya29\./);
    expect(Object.fromEntries(new URLSearchParams(mock.requests[0]?.rawBody))).toEqual({
      grant_type: 'refresh_token',
      client_id: 'client-1',
      client_secret: 'secret-1',
      refresh_token: '1//refresh',
    });
  });

  it('lets one caller give up waiting without failing the shared refresh for the others', async () => {
    mock.script({ match: { path: '/token' }, delayMs: 100 });
    const tokens = createAccessTokenSource({
      provider: 'vertex_ai',
      transport: () => transport,
      now: Date.now,
    });
    const credentials = parseGoogleCredentials(testServiceAccount(mock.url).json, context);
    const controller = new AbortController();

    const leaving = tokens
      .token(credentials, { ...context, signal: controller.signal })
      .catch((error: unknown) => error);
    const staying = tokens.token(credentials, context);
    controller.abort();

    expect(await leaving).toBeInstanceOf(AbortedError);
    expect(await staying).toMatch(/^ya29\./);
    expect(mock.requestCount()).toBe(1);
  });

  it('maps a token endpoint that is down to a retryable error, and tries again on the next call', async () => {
    mock.script({ match: { path: '/token' }, status: 503, times: 1 });
    const tokens = createAccessTokenSource({
      provider: 'vertex_ai',
      transport: () => transport,
      now: Date.now,
    });
    const credentials = parseGoogleCredentials(testServiceAccount(mock.url).json, context);

    const error = await tokens.token(credentials, context).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ retryable: true, status: 503 });
    expect(await tokens.token(credentials, context)).toMatch(/^ya29\./);
  });
});
