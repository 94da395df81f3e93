import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  AuthenticationError,
  type ChatRequest,
  decodeFloat32Base64,
  type EmbeddingRequest,
  type Provider,
  type ProviderCallOptions,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKey,
  call,
  failure,
  hello,
  otherKey,
  providerFor,
  weatherTool,
} from './__fixtures__/provider-harness.js';
import { createCohere } from './cohere-provider.js';

// Embeddings, drop_params, and where calls go with which credentials.

let mock: MockUpstream;
/** A second upstream, to tell which base URL a call went to. */
let elsewhere: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  elsewhere = await startMockUpstream();
  provider = providerFor(mock.url);
});
beforeEach(() => {
  mock.reset();
  elsewhere.reset();
});
afterAll(async () => {
  await provider.close?.();
  await mock.close();
  await elsewhere.close();
});

const lastBody = () => mock.requests.at(-1)?.body as Record<string, unknown>;

describe('embeddings', () => {
  const embed = (request: EmbeddingRequest, options: ProviderCallOptions = { model: 'embed-v4.0' }) =>
    provider.embed!(request, options);

  it('posts texts to /v2/embed and returns float vectors with usage', async () => {
    const response = await embed({ model: 'embed-v4.0', input: ['one two', 'three'] });

    expect(mock.requests[0]).toMatchObject({
      path: '/v2/embed',
      body: {
        model: 'embed-v4.0',
        texts: ['one two', 'three'],
        input_type: 'search_document',
        embedding_types: ['float'],
      },
    });
    expect(response).toMatchObject({
      object: 'list',
      model: 'embed-v4.0',
      usage: { prompt_tokens: 3, total_tokens: 3 },
    });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.data[0]?.embedding).toHaveLength(16);
  });

  it('answers base64 with the same vector, and sends dimensions and the deployment’s input_type', async () => {
    const floats = await embed({ model: 'embed-v4.0', input: 'same' });
    const base64 = await embed(
      { model: 'embed-v4.0', input: 'same', encoding_format: 'base64' },
      { model: 'embed-v4.0', params: { input_type: 'search_query' } },
    );
    const wide = await embed({ model: 'embed-v4.0', input: 'same', dimensions: 256 });

    expect(decodeFloat32Base64(base64.data[0]?.embedding as string)).toEqual(floats.data[0]?.embedding);
    expect(mock.requests[1]?.body).toMatchObject({ input_type: 'search_query' });
    expect(mock.requests[2]?.body).toMatchObject({ output_dimension: 256 });
    expect(wide.data[0]?.embedding).toHaveLength(256);
  });

  it('refuses token arrays before any request', async () => {
    const error = await failure(embed({ model: 'embed-v4.0', input: [101, 102] }));

    expect(error.status).toBe(400);
    expect(mock.requestCount()).toBe(0);
  });
});

describe('drop_params', () => {
  it('refuses what Cohere cannot do with a 400 naming it, before any request', async () => {
    const error = await failure(provider.chat({ ...hello, logit_bias: { '42': 10 } }, call));

    expect(error).toMatchObject({
      status: 400,
      param: 'logit_bias',
      code: 'unsupported_params',
      provider: 'cohere',
    });
    expect(error.message).toContain('"logit_bias"');
    expect(mock.requestCount()).toBe(0);
  });

  it('drops it with drop_params', async () => {
    const named: ChatRequest = {
      ...hello,
      tools: [weatherTool],
      logit_bias: { '42': 10 },
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    };

    await provider.chat(named, { ...call, dropParams: true });

    expect(lastBody()).not.toHaveProperty('logit_bias');
    expect(lastBody()).not.toHaveProperty('tool_choice');
  });
});

describe('routing and credentials', () => {
  it('sends a call to its own apiBase, written as litellm writes it', async () => {
    await provider.chat(hello, { ...call, apiBase: `${elsewhere.url}/v2/chat` });

    expect(mock.requestCount()).toBe(0);
    expect(elsewhere.requests.map((request) => request.path)).toEqual(['/v2/chat']);
  });

  it('sends a call’s own key and headers', async () => {
    await provider.chat(hello, {
      ...call,
      apiKey: otherKey,
      headers: { 'X-Client-Name': 'switchyard-tests' },
    });

    expect(mock.requests[0]?.headers).toMatchObject({
      authorization: `Bearer ${otherKey}`,
      'x-client-name': 'switchyard-tests',
    });
  });

  it('reads COHERE_API_KEY, then CO_API_KEY, and the base URL from its environment at call time', async () => {
    const env: Record<string, string | undefined> = { CO_API_KEY: otherKey, COHERE_API_BASE: mock.url };
    const fromEnv = createCohere({ env });

    await fromEnv.chat(hello, call);
    env.COHERE_API_KEY = apiKey;
    await fromEnv.chat(hello, call);
    await fromEnv.close?.();

    expect(mock.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${otherKey}`,
      `Bearer ${apiKey}`,
    ]);
  });

  it('refuses to call Cohere’s API without a key, before any request', async () => {
    const keyless = createCohere({ env: {} });
    const created: string[] = [];
    const onCreate = (message: unknown) => {
      created.push(String((message as { request: { origin: unknown } }).request.origin));
    };
    subscribe('undici:request:create', onCreate);

    const error = await failure(keyless.chat(hello, call)).finally(() =>
      unsubscribe('undici:request:create', onCreate),
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('COHERE_API_KEY');
    expect(created).toEqual([]);
  });

  it('calls another base URL without a key, sending no authorization header', async () => {
    const keyless = createCohere({ baseURL: elsewhere.url, env: {} });

    await keyless.chat(hello, call);
    await keyless.close?.();

    expect(elsewhere.requests[0]?.headers).not.toHaveProperty('authorization');
  });
});
