import { generateKeyPairSync, type KeyObject } from 'node:crypto';

/** A service account key like the JSON file Google Cloud issues, with a fresh RSA key (tests only). */
export interface TestServiceAccount {
  json: {
    type: 'service_account';
    project_id: string;
    private_key_id: string;
    private_key: string;
    client_email: string;
    client_id: string;
    auth_uri: string;
    token_uri: string;
  };
  publicKey: KeyObject;
}

export const TEST_CLIENT_EMAIL = 'switchyard-test@switchyard-test.iam.gserviceaccount.com';

let keys: { privateKey: string; publicKey: KeyObject } | undefined;

function testKeys() {
  if (keys === undefined) {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    keys = {
      privateKey: pair.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      publicKey: pair.publicKey,
    };
  }
  return keys;
}

/** A service account whose `token_uri` is the mock upstream's OAuth token endpoint. */
export function testServiceAccount(mockOrigin: string, clientEmail = TEST_CLIENT_EMAIL): TestServiceAccount {
  const { privateKey, publicKey } = testKeys();
  return {
    json: {
      type: 'service_account',
      project_id: 'switchyard-test',
      private_key_id: '4f1e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6',
      private_key: privateKey,
      client_email: clientEmail,
      client_id: '109876543210987654321',
      auth_uri: 'https://accounts.google.com/o/oauth2/auth',
      token_uri: `${mockOrigin}/token`,
    },
    publicKey,
  };
}
