import { AuthenticationError, type Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { azureAt, call, failure, hello, otherKey } from './__fixtures__/provider-harness.js';
import { type EntraTokenServer, startEntraTokenServer } from './test-utils/entra-token-server.js';

let mock: MockUpstream;
let tokens: EntraTokenServer;
let now = 1_700_000_000_000;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [otherKey] });
  tokens = await startEntraTokenServer(otherKey);
});
beforeEach(() => {
  mock.reset();
  tokens.requests.length = 0;
});
afterAll(async () => {
  await tokens.close();
  await mock.close();
});

const application = {
  tenant_id: 'contoso-tenant',
  client_id: 'app-1234',
  client_secret: 'entra-client-secret-98765',
};

function withClientCredentials(): Provider {
  return azureAt(mock.url, { apiKey: undefined, authorityHost: tokens.url, now: () => now });
}

describe('client credentials (tenant_id, client_id, client_secret)', () => {
  it('exchanges the secret for a token and sends it as a bearer token, reusing it until it nearly expires', async () => {
    const provider = withClientCredentials();
    const options = { ...call, params: application };

    await provider.chat(hello, options);
    await provider.chat(hello, options);
    now += 3599_000 - 4 * 60_000;
    await provider.chat(hello, options);

    expect(tokens.requests).toHaveLength(2);
    expect(tokens.requests[0]).toEqual({
      path: '/contoso-tenant/oauth2/v2.0/token',
      contentType: 'application/x-www-form-urlencoded',
      form: {
        grant_type: 'client_credentials',
        client_id: 'app-1234',
        client_secret: 'entra-client-secret-98765',
        scope: 'https://cognitiveservices.azure.com/.default',
      },
    });
    expect(mock.requests.map((request) => request.headers.authorization)).toEqual(
      Array(3).fill(`Bearer ${otherKey}`),
    );
    await provider.close?.();
  });

  it('shares one token request between concurrent calls', async () => {
    const provider = withClientCredentials();
    const options = { ...call, params: { ...application, client_id: 'app-concurrent' } };

    await Promise.all([
      provider.chat(hello, options),
      provider.chat(hello, options),
      provider.chat(hello, options),
    ]);

    expect(tokens.requests).toHaveLength(1);
    await provider.close?.();
  });

  it('maps a refused secret to AuthenticationError without the secret, and tries again next time', async () => {
    const provider = withClientCredentials();
    const options = { ...call, params: { ...application, client_id: 'app-refused' } };
    tokens.reply = () => ({
      status: 401,
      body: {
        error: 'invalid_client',
        error_description: 'AADSTS7000215: Invalid client secret provided (entra-client-secret-98765).',
      },
    });

    const error = await failure(provider.chat(hello, options));
    tokens.reply = () => ({
      status: 200,
      body: { token_type: 'Bearer', expires_in: 3599, access_token: otherKey },
    });
    await provider.chat(hello, options);

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('AADSTS7000215');
    expect(error.message).not.toContain('entra-client-secret-98765');
    expect(mock.requestCount()).toBe(1);
    expect(tokens.requests).toHaveLength(2);
    await provider.close?.();
  });
});
