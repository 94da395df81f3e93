import { AuthenticationError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { testServiceAccount } from './__fixtures__/service-account.js';
import { loadGoogleCredentials, parseGoogleCredentials } from './google-credentials.js';

const context = { provider: 'vertex_ai', model: 'gemini-2.0-flash' };
const account = testServiceAccount('http://127.0.0.1:1').json;

describe('parseGoogleCredentials', () => {
  it('reads a service account key', () => {
    expect(parseGoogleCredentials(account, context)).toEqual({
      type: 'service_account',
      clientEmail: account.client_email,
      privateKey: account.private_key,
      privateKeyId: account.private_key_id,
      tokenUri: 'http://127.0.0.1:1/token',
      projectId: 'switchyard-test',
    });
  });

  it('reads authorized-user credentials, with Google’s token endpoint by default', () => {
    expect(
      parseGoogleCredentials(
        {
          type: 'authorized_user',
          client_id: 'id',
          client_secret: 'secret',
          refresh_token: '1//token',
          quota_project_id: 'q',
        },
        context,
      ),
    ).toEqual({
      type: 'authorized_user',
      clientId: 'id',
      clientSecret: 'secret',
      refreshToken: '1//token',
      tokenUri: 'https://oauth2.googleapis.com/token',
      projectId: 'q',
    });
  });

  it('refuses incomplete or unknown credentials without quoting them', () => {
    const incomplete = () => parseGoogleCredentials({ ...account, client_email: undefined }, context);
    const external = () => parseGoogleCredentials({ type: 'external_account', secret: 'shh' }, context);

    expect(incomplete).toThrow(AuthenticationError);
    expect(incomplete).toThrow(/client_email or private_key/);
    expect(external).toThrow(/external_account/);
    expect(external).not.toThrow(/shh/);
  });
});

describe('loadGoogleCredentials', () => {
  it('takes the JSON text or the object', async () => {
    expect((await loadGoogleCredentials(JSON.stringify(account), context)).type).toBe('service_account');
    expect((await loadGoogleCredentials(account, context)).type).toBe('service_account');
  });

  it('refuses text that is not JSON without quoting it', async () => {
    const error = await loadGoogleCredentials('{"private_key": "-----BEGIN', context).catch(
      (caught: unknown) => caught,
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(String((error as Error).message)).not.toContain('BEGIN');
  });
});
