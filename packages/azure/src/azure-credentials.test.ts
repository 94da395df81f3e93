import { describe, expect, it } from 'vitest';
import { resolveAzureCredential } from './azure-credentials.js';

const app = { tenant_id: 'tenant', client_id: 'client', client_secret: 'secret' };

describe('resolveAzureCredential', () => {
  it('prefers the deployment’s api_key over everything else', () => {
    expect(
      resolveAzureCredential(
        { apiKey: 'deployment-key', params: { azure_ad_token: 'token', ...app } },
        { apiKey: 'settings-key' },
        { AZURE_API_KEY: 'env-key' },
      ),
    ).toEqual({ kind: 'api-key', key: 'deployment-key' });
  });

  it('uses the deployment’s azure_ad_token, then its client credentials, before environment keys', () => {
    expect(resolveAzureCredential({ params: { azure_ad_token: 'tok' } }, {}, { AZURE_API_KEY: 'k' })).toEqual(
      {
        kind: 'token',
        token: 'tok',
      },
    );
    expect(resolveAzureCredential({ params: app }, {}, { AZURE_API_KEY: 'k' })).toEqual({
      kind: 'client-secret',
      application: {
        tenantId: 'tenant',
        clientId: 'client',
        clientSecret: 'secret',
        scope: 'https://cognitiveservices.azure.com/.default',
        authorityHost: 'https://login.microsoftonline.com',
      },
    });
  });

  it('ignores incomplete client credentials', () => {
    expect(resolveAzureCredential({ params: { tenant_id: 't', client_id: 'c' } }, {}, {})).toBeUndefined();
  });

  it('takes scope and authority host from params, settings or the environment', () => {
    const fromParams = resolveAzureCredential(
      {
        params: {
          ...app,
          azure_scope: 'https://ai.azure.com/.default',
          azure_authority_host: 'http://127.0.0.1:1',
        },
      },
      {},
      {},
    );
    const fromEnv = resolveAzureCredential(
      {},
      {},
      {
        AZURE_TENANT_ID: 't',
        AZURE_CLIENT_ID: 'c',
        AZURE_CLIENT_SECRET: 's',
        AZURE_AUTHORITY_HOST: 'https://login.microsoftonline.us',
      },
    );

    expect(fromParams).toMatchObject({
      application: { scope: 'https://ai.azure.com/.default', authorityHost: 'http://127.0.0.1:1' },
    });
    expect(fromEnv).toMatchObject({ application: { authorityHost: 'https://login.microsoftonline.us' } });
  });

  it('falls back to settings, then AZURE_API_KEY / AZURE_OPENAI_API_KEY, then AZURE_AD_TOKEN', () => {
    const provide = async () => 'provided';
    expect(resolveAzureCredential({}, { azureADTokenProvider: provide }, { AZURE_API_KEY: 'k' })).toEqual({
      kind: 'token-provider',
      provide,
    });
    expect(resolveAzureCredential({}, { azureADToken: 't' }, {})).toEqual({ kind: 'token', token: 't' });
    expect(resolveAzureCredential({}, {}, { AZURE_OPENAI_API_KEY: 'k2', AZURE_AD_TOKEN: 't' })).toEqual({
      kind: 'api-key',
      key: 'k2',
    });
    expect(resolveAzureCredential({}, {}, { AZURE_AD_TOKEN: 't' })).toEqual({ kind: 'token', token: 't' });
    expect(resolveAzureCredential({}, {}, {})).toBeUndefined();
  });
});
