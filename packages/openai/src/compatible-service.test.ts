import {
  AuthenticationError,
  BadRequestError,
  type ChatRequest,
  createHttpTransport,
  type HttpTransport,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { collect, failure } from './__fixtures__/provider-harness.js';
import { type CompatibleService, createCompatibleService } from './compatible-service.js';

const key = 'svc-key-0123456789abcdef';
const hello: ChatRequest = { model: 'm-1', messages: [{ role: 'user', content: 'Hello!' }] };

const service: CompatibleService = {
  id: 'svc',
  baseURL: 'https://api.svc.example/{account}/v1',
  apiBaseEnvVars: ['SVC_API_BASE'],
  apiKeyEnvVars: ['SVC_API_KEY', 'SVC_TOKEN'],
  requiresApiKey: true,
  urlParams: [{ placeholder: 'account', param: 'account_id', envVar: 'SVC_ACCOUNT_ID' }],
  headers: [{ name: 'X-Title', param: 'app_name', envVar: 'SVC_APP_NAME' }],
  modelBaseURL: { pattern: '^[a-z0-9]{8}$', baseURL: 'https://model-{model}.svc.example/v1' },
  capabilities: { streamUsage: false, embeddings: true },
  quirks: { modelPrefix: { prefix: 'models/', unlessStartsWith: 'models/' } },
};

let mock: MockUpstream;
const urls: string[] = [];

/** Records the URL asked for and sends the request to the mock's OpenAI route instead. */
function toMock(): HttpTransport {
  const http = createHttpTransport();
  return {
    request: (request) => {
      urls.push(request.url);
      const endpoint = request.url.endsWith('/embeddings') ? '/embeddings' : '/chat/completions';
      return http.request({ ...request, url: `${mock.url}/v1${endpoint}` });
    },
    close: () => http.close(),
  };
}

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key] });
});
beforeEach(() => {
  mock.reset();
  urls.length = 0;
});
afterAll(() => mock.close());

describe('createCompatibleService', () => {
  it('fills the default URL from params, reads the key and headers from the environment', async () => {
    const env = { SVC_TOKEN: key, SVC_APP_NAME: 'Switchyard tests' };
    const provider = createCompatibleService(service, { transport: toMock(), env });
    await provider.chat(hello, { model: 'm-1', params: { account_id: 'acme' } });
    await provider.close?.();
    expect(urls).toEqual(['https://api.svc.example/acme/v1/chat/completions']);
    const sent = mock.requests[0];
    expect(sent?.headers.authorization).toBe(`Bearer ${key}`);
    expect(sent?.headers['x-title']).toBe('Switchyard tests');
    expect(sent?.body).toMatchObject({ model: 'models/m-1' });
  });

  it('prefers the deployment api_base, then the settings, then the environment variable', async () => {
    const env = { SVC_API_KEY: key, SVC_API_BASE: 'https://env.example/v1/' };
    const provider = createCompatibleService(service, { transport: toMock(), env });
    const configured = createCompatibleService(service, {
      transport: toMock(),
      env,
      baseURL: 'https://settings.example/v1',
    });
    await provider.chat(hello, { model: 'm-1' });
    await configured.chat(hello, { model: 'm-1' });
    await configured.chat(hello, { model: 'm-1', apiBase: 'https://deployment.example/v1' });
    await Promise.all([provider.close?.(), configured.close?.()]);
    expect(urls).toEqual([
      'https://env.example/v1/chat/completions',
      'https://settings.example/v1/chat/completions',
      'https://deployment.example/v1/chat/completions',
    ]);
  });

  it('appends the base path to a configured server root, once', async () => {
    const rooted: CompatibleService = { ...service, urlParams: [], basePath: '/v1' };
    const provider = createCompatibleService(rooted, { transport: toMock(), apiKey: key });
    await provider.chat(hello, { model: 'm-1', apiBase: 'http://localhost:11434' });
    await provider.chat(hello, { model: 'm-1', apiBase: 'http://localhost:11434/v1/' });
    await provider.close?.();
    expect(urls).toEqual([
      'http://localhost:11434/v1/chat/completions',
      'http://localhost:11434/v1/chat/completions',
    ]);
  });

  it('uses the per-model URL for a dedicated deployment id', async () => {
    const provider = createCompatibleService(service, { transport: toMock(), apiKey: key });
    await provider.chat({ ...hello, model: 'abcd1234' }, { model: 'abcd1234' });
    await provider.close?.();
    expect(urls).toEqual(['https://model-abcd1234.svc.example/v1/chat/completions']);
  });

  it('names what is missing before reaching the network: URL parameter, key, endpoint', async () => {
    const provider = createCompatibleService(service, { transport: toMock(), env: { SVC_API_KEY: key } });
    const noAccount = await failure(provider.chat(hello, { model: 'm-1' }));
    expect(noAccount).toBeInstanceOf(BadRequestError);
    expect(noAccount.message).toContain('SVC_ACCOUNT_ID');
    const keyless = createCompatibleService(service, { transport: toMock(), env: {} });
    const noKey = await failure(keyless.chat(hello, { model: 'm-1', params: { account_id: 'a' } }));
    expect(noKey).toBeInstanceOf(AuthenticationError);
    expect(noKey.message).toContain('SVC_API_KEY / SVC_TOKEN');
    const endpointless = createCompatibleService(
      { ...service, baseURL: undefined },
      { apiKey: key, env: {} },
    );
    const noBase = await failure(endpointless.chat(hello, { model: 'm-1' }));
    expect(noBase).toMatchObject({ code: 'missing_api_base', param: 'api_base' });
    expect(noBase.message).toContain('SVC_API_BASE');
    await Promise.all([provider.close?.(), keyless.close?.()]);
    expect(urls).toEqual([]);
  });

  it('sends no authorization header when a keyless service has no key', async () => {
    const open = await startMockUpstream();
    const provider = createCompatibleService({ ...service, requiresApiKey: false }, { env: {} });
    await provider.chat(hello, { model: 'm-1', apiBase: `${open.url}/v1` });
    await provider.close?.();
    expect(open.requests[0]?.headers.authorization).toBeUndefined();
    await open.close();
  });

  it('leaves stream_options out for a service that does not take it', async () => {
    const provider = createCompatibleService(service, { transport: toMock(), apiKey: key });
    const request: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };
    const chunks = await collect(
      await provider.stream(request, { model: 'm-1', params: { account_id: 'a' } }),
    );
    await provider.close?.();
    expect(chunks.length).toBeGreaterThan(1);
    expect(mock.requests[0]?.body).toMatchObject({ stream: true });
    expect(mock.requests[0]?.body).not.toHaveProperty('stream_options');
  });

  it('embeds through the same endpoint rules', async () => {
    const provider = createCompatibleService(service, { transport: toMock(), apiKey: key });
    const result = await provider.embed?.(
      { model: 'e-1', input: ['one'] },
      { model: 'e-1', params: { account_id: 'a' } },
    );
    await provider.close?.();
    expect(result?.data).toHaveLength(1);
    expect(urls).toEqual(['https://api.svc.example/a/v1/embeddings']);
    // Embedding model ids are sent as they are: the chat model prefix is not theirs.
    expect(mock.requests[0]?.body).toMatchObject({ model: 'e-1' });
  });
});
