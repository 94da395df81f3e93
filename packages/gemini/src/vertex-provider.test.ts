import { createVerify } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AuthenticationError,
  BadRequestError,
  type HttpTransport,
  type Provider,
  type ProviderCallOptions,
  safeParseJson,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { bodyOf, collect, failure, hello, streamHello } from './__fixtures__/provider-harness.js';
import { TEST_CLIENT_EMAIL, testServiceAccount } from './__fixtures__/service-account.js';
import { createVertex } from './vertex-provider.js';

const staticToken = 'ya29.static-test-token-for-vertex';
const vertexPath =
  '/v1/projects/switchyard-test/locations/us-central1/publishers/google/models/gemini-2.0-flash';
let mock: MockUpstream;
let provider: Provider;
let options: ProviderCallOptions;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [TEST_CLIENT_EMAIL, staticToken] });
  provider = createVertex({ baseURL: mock.url, env: {} });
  options = {
    model: 'gemini-2.0-flash',
    params: {
      vertex_project: 'switchyard-test',
      vertex_location: 'us-central1',
      vertex_credentials: JSON.stringify(testServiceAccount(mock.url).json),
    },
  };
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const paths = () => mock.requests.map((request) => request.path);
const decode = (segment: string | undefined) =>
  safeParseJson(Buffer.from(segment ?? '', 'base64url').toString('utf8'));

describe('createVertex over real HTTP', () => {
  it('exchanges a signed service-account JWT at token_uri, then calls Vertex AI with the bearer token', async () => {
    const fresh = createVertex({ baseURL: mock.url, env: {} });

    const response = await fresh.chat(hello, options);
    await fresh.close?.();

    expect(paths()).toEqual(['/token', `${vertexPath}:generateContent`]);
    const [token, generate] = mock.requests;
    expect(token?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(token?.rawBody);
    expect(form.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims, signature] = (form.get('assertion') ?? '').split('.');
    expect(decode(header)).toEqual({
      ok: true,
      value: { alg: 'RS256', typ: 'JWT', kid: testServiceAccount(mock.url).json.private_key_id },
    });
    const claimed = decode(claims);
    expect(claimed.ok && claimed.value).toMatchObject({
      iss: TEST_CLIENT_EMAIL,
      scope: 'https://www.googleapis.com/auth/cloud-platform',
      aud: `${mock.url}/token`,
    });
    const verified = createVerify('RSA-SHA256')
      .update(`${header}.${claims}`)
      .verify(testServiceAccount(mock.url).publicKey, signature ?? '', 'base64url');
    expect(verified).toBe(true);
    expect(generate?.headers.authorization).toMatch(/^Bearer ya29\./);
    expect(generate?.headers).not.toHaveProperty('x-goog-api-key');
    expect(response.choices[0]?.message.content).toBe('Mock reply to: Hello!');
    expect(provider.id).toBe('vertex_ai');
  });

  it('caches the token across calls, and concurrent first calls share one exchange', async () => {
    const fresh = createVertex({ baseURL: mock.url, env: {} });

    await Promise.all([fresh.chat(hello, options), fresh.chat(hello, options), fresh.chat(hello, options)]);
    await fresh.chat(hello, options);
    await fresh.close?.();

    expect(paths().filter((path) => path === '/token')).toHaveLength(1);
    expect(mock.requestCount('gemini-2.0-flash')).toBe(4);
  });

  it('refreshes the token shortly before it expires', async () => {
    // The clock starts 56 minutes back (the mock checks the JWT's iat/exp against its real clock).
    let now = Date.now() - 56 * 60_000;
    const fresh = createVertex({ baseURL: mock.url, env: {}, now: () => now });

    await fresh.chat(hello, options);
    now += 50 * 60_000; // the mock's tokens live 3599 s; 50 minutes later the token is still used
    await fresh.chat(hello, options);
    now += 6 * 60_000; // within five minutes of expiry: refreshed
    await fresh.chat(hello, options);
    await fresh.close?.();

    expect(paths().filter((path) => path === '/token')).toHaveLength(2);
  });

  it('streams from streamGenerateContent with alt=sse', async () => {
    const chunks = await collect(await provider.stream(streamHello, options));

    expect(mock.requests.at(-1)).toMatchObject({
      path: `${vertexPath}:streamGenerateContent`,
      query: { alt: 'sse' },
    });
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 4 });
  });

  it('sends labels, which only Vertex AI takes', async () => {
    await provider.chat({ ...hello, labels: { team: 'search' } }, options);

    expect(bodyOf(mock.requests.at(-1)).labels).toEqual({ team: 'search' });
  });

  it('uses a deployment’s api_key as the access token itself', async () => {
    await provider.chat(hello, { ...options, apiKey: staticToken });

    expect(paths()).toEqual([`${vertexPath}:generateContent`]);
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${staticToken}`);
  });
});

describe('credentials and project', () => {
  let folder: string;

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'switchyard-vertex-'));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('reads a key file named by vertex_credentials or GOOGLE_APPLICATION_CREDENTIALS, the project from it', async () => {
    const file = join(folder, 'key.json');
    await writeFile(file, JSON.stringify(testServiceAccount(mock.url).json));
    const fromEnv = createVertex({ baseURL: mock.url, env: { GOOGLE_APPLICATION_CREDENTIALS: file } });

    await provider.chat(hello, { model: 'gemini-2.0-flash', params: { vertex_credentials: file } });
    await fromEnv.chat(hello, { model: 'gemini-2.0-flash' });
    await fromEnv.close?.();

    expect(paths().filter((path) => path !== '/token')).toEqual([
      `${vertexPath}:generateContent`,
      `${vertexPath}:generateContent`,
    ]);
  });

  it('refuses to call without credentials, before any request', async () => {
    const error = await failure(
      createVertex({ baseURL: mock.url, env: {} }).chat(hello, { model: 'gemini-2.0-flash' }),
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('GOOGLE_APPLICATION_CREDENTIALS');
    expect(mock.requestCount()).toBe(0);
  });

  it('reports a missing key file without quoting any credentials', async () => {
    const error = await failure(
      provider.chat(hello, {
        ...options,
        params: { ...options.params, vertex_credentials: join(folder, 'nope.json') },
      }),
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('could not be read (ENOENT)');
  });

  it('maps the token endpoint refusing the credentials to AuthenticationError, without calling Vertex AI', async () => {
    mock.script({ match: { path: '/token' }, status: 400 });
    const fresh = createVertex({ baseURL: mock.url, env: {} });

    const error = await failure(fresh.chat(hello, options));
    await fresh.close?.();

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('invalid_grant');
    expect(paths()).toEqual(['/token']);
  });

  it('maps Vertex AI refusing a token to AuthenticationError, the token redacted', async () => {
    const stranger = createVertex({ baseURL: mock.url, env: {} });
    const account = testServiceAccount(mock.url, 'stranger@other-project.iam.gserviceaccount.com').json;

    const error = await failure(
      stranger.chat(hello, {
        ...options,
        params: { ...options.params, vertex_credentials: JSON.stringify(account) },
      }),
    );
    await stranger.close?.();

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.upstreamStatus).toBe(401);
    expect(JSON.stringify({ message: error.message, body: error.body })).not.toContain('ya29.');
  });

  it('refuses a location that is not region-shaped (it becomes part of the host name)', async () => {
    const error = await failure(
      createVertex({ env: {} }).chat(hello, {
        ...options,
        apiKey: staticToken,
        params: { ...options.params, vertex_location: 'evil.com/x' },
      }),
    );

    expect(error).toBeInstanceOf(BadRequestError);
  });
});

describe('endpoints', () => {
  /** A transport that records the URL it was asked for and answers a minimal Gemini response. */
  function recordingTransport(urls: string[]): HttpTransport {
    const body = JSON.stringify({
      candidates: [{ content: { role: 'model', parts: [{ text: 'ok' }] }, finishReason: 'STOP' }],
    });
    return {
      async request(request) {
        urls.push(request.url);
        return {
          status: 200,
          headers: {},
          body: (async function* () {})(),
          text: async () => body,
          dispose: () => {},
        };
      },
      close: async () => {},
    };
  }

  it('calls {location}-aiplatform.googleapis.com, and aiplatform.googleapis.com for the global location', async () => {
    const urls: string[] = [];
    const direct = createVertex({ transport: recordingTransport(urls), env: { VERTEXAI_PROJECT: 'p1' } });

    await direct.chat(hello, {
      model: 'gemini-2.5-pro',
      apiKey: staticToken,
      params: { vertex_location: 'europe-west4' },
    });
    await direct.chat(hello, {
      model: 'gemini-2.5-pro',
      apiKey: staticToken,
      params: { vertex_location: 'global' },
    });

    expect(urls).toEqual([
      'https://europe-west4-aiplatform.googleapis.com/v1/projects/p1/locations/europe-west4/publishers/google/models/gemini-2.5-pro:generateContent',
      'https://aiplatform.googleapis.com/v1/projects/p1/locations/global/publishers/google/models/gemini-2.5-pro:generateContent',
    ]);
  });
});
