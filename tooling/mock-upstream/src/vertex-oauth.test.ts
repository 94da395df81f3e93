import { createSign, generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import type { GeminiResponse } from './providers/gemini/build-gemini-response.js';
import type { GoogleErrorBody } from './providers/gemini/google-error.js';
import { mintMockAccessToken } from './providers/gemini/mock-access-token.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const account = 'switchyard-test@my-project.iam.gserviceaccount.com';
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [account, 'ya29.raw-token'] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');

function assertion(claims: Record<string, unknown>, alg = 'RS256'): string {
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg, typ: 'JWT' })}.${encode({
    iss: account,
    scope: 'https://www.googleapis.com/auth/cloud-platform',
    aud: `${mock.url}/token`,
    iat: now,
    exp: now + 3600,
    ...claims,
  })}`;
  return `${unsigned}.${createSign('RSA-SHA256').update(unsigned).sign(privateKey, 'base64url')}`;
}

const exchange = (jwt: string, grantType = 'urn:ietf:params:oauth:grant-type:jwt-bearer') =>
  fetch(`${mock.url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: grantType, assertion: jwt }).toString(),
  });

const vertexUrl = (model = 'gemini-2.0-flash', action = 'generateContent') =>
  `${mock.url}/v1/projects/my-project/locations/us-central1/publishers/google/models/${model}:${action}`;
const generate = (token: string | undefined, model?: string) =>
  postJson(
    vertexUrl(model),
    { contents: [{ role: 'user', parts: [{ text: 'Hi' }] }] },
    {
      headers: token === undefined ? {} : { authorization: `Bearer ${token}` },
    },
  );

describe('the OAuth token endpoint', () => {
  it('exchanges a service-account JWT for a bearer token Vertex AI accepts', async () => {
    const response = await exchange(assertion({}));
    const token = await readJson<{ access_token: string; expires_in: number; token_type: string }>(response);

    expect(token).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      token_type: 'Bearer',
    });
    const answer = await generate(token.access_token);
    expect(answer.status).toBe(200);
    expect((await readJson<GeminiResponse>(answer)).createTime).toEqual(expect.any(String));
    expect(mock.requests.map((request) => request.path)).toEqual([
      '/token',
      '/v1/projects/my-project/locations/us-central1/publishers/google/models/gemini-2.0-flash:generateContent',
    ]);
  });

  it.each([
    ['another algorithm', () => assertion({}, 'HS256'), 'invalid_grant'],
    ['another audience', () => assertion({ aud: 'https://oauth2.googleapis.com/token' }), 'invalid_grant'],
    ['a long lifetime', () => assertion({ exp: Math.floor(Date.now() / 1000) + 7200 }), 'invalid_grant'],
    ['no cloud-platform scope', () => assertion({ scope: 'email' }), 'invalid_scope'],
    ['not a JWT', () => 'nonsense', 'invalid_grant'],
  ])('refuses %s with Google’s OAuth error', async (_name, jwt, error) => {
    const response = await exchange(jwt());

    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error, error_description: expect.any(String) });
  });

  it('refuses another grant type', async () => {
    const response = await exchange(assertion({}), 'client_credentials');

    expect(await response.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('Vertex AI authentication', () => {
  it('answers a missing token 401 UNAUTHENTICATED, and made-up, foreign or expired tokens too', async () => {
    const tokens = [
      undefined,
      'ya29.made-up',
      mintMockAccessToken('someone-else@example.iam.gserviceaccount.com', Date.now() + 60_000),
      mintMockAccessToken(account, Date.now() - 1),
    ];

    for (const token of tokens) {
      const response = await generate(token);
      expect(response.status).toBe(401);
      expect((await readJson<GoogleErrorBody>(response)).error.status).toBe('UNAUTHENTICATED');
    }
  });

  it('accepts a token listed in apiKeys as it is', async () => {
    expect((await generate('ya29.raw-token')).status).toBe(200);
  });

  it('counts and matches requests by the model in the path, and streams with alt=sse', async () => {
    mock.script({ match: { model: 'gemini-2.5-pro' }, respond: { content: 'pro answer' } });

    const response = await postJson(
      `${vertexUrl('gemini-2.5-pro', 'streamGenerateContent')}?alt=sse`,
      {
        contents: [{ role: 'user', parts: [{ text: 'Hi' }] }],
      },
      { headers: { authorization: 'Bearer ya29.raw-token' } },
    );

    expect(await response.text()).toContain('pro ');
    expect(mock.requestCount('gemini-2.5-pro')).toBe(1);
  });
});
