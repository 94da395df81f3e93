import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { AuthenticationError, type Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKey, call, collect, failure, hello, otherKey } from './__fixtures__/provider-harness.js';
import { createAnthropic } from './anthropic-provider.js';

let mock: MockUpstream;
/** A second upstream, to tell which base URL a call went to. */
let elsewhere: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  elsewhere = await startMockUpstream({ apiKeys: [apiKey] });
  provider = createAnthropic({ apiKey, baseURL: mock.url, env: {} });
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

/** Local ports of the sockets undici sends requests on while `run` runs. */
async function socketsUsedBy(run: () => Promise<void>): Promise<number[]> {
  const ports: number[] = [];
  const onSendHeaders = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    if (socket.localPort !== undefined) ports.push(socket.localPort);
  };
  subscribe('undici:client:sendHeaders', onSendHeaders);
  try {
    await run();
  } finally {
    unsubscribe('undici:client:sendHeaders', onSendHeaders);
  }
  return ports;
}

describe('endpoint and credentials', () => {
  it.each(['', '/', '/v1', '/v1/', '/v1/messages'])(
    'posts to /v1/messages for the base URL origin%s',
    async (suffix) => {
      const configured = createAnthropic({ apiKey, baseURL: `${elsewhere.url}${suffix}`, env: {} });

      await configured.chat(hello, call);
      await configured.close?.();

      expect(elsewhere.requests.map((request) => request.path)).toEqual(['/v1/messages']);
    },
  );

  it('sends a call to its own apiBase, with its own key and headers', async () => {
    await provider.chat(hello, { ...call, apiBase: elsewhere.url, headers: { 'x-trace-id': 'trace-1' } });
    await provider.chat(hello, { ...call, apiKey: otherKey });

    expect(elsewhere.requests[0]?.headers).toMatchObject({ 'x-api-key': apiKey, 'x-trace-id': 'trace-1' });
    expect(mock.requests[0]?.headers['x-api-key']).toBe(otherKey);
  });

  it('reads the key and base URL from its environment when not given', async () => {
    const fromEnv = createAnthropic({ env: { ANTHROPIC_API_KEY: otherKey, ANTHROPIC_BASE_URL: mock.url } });
    const litellmEnv = createAnthropic({
      env: { ANTHROPIC_API_KEY: apiKey, ANTHROPIC_API_BASE: elsewhere.url },
    });

    await fromEnv.chat(hello, call);
    await litellmEnv.chat(hello, call);
    await fromEnv.close?.();
    await litellmEnv.close?.();

    expect(mock.requests[0]?.headers['x-api-key']).toBe(otherKey);
    expect(elsewhere.requests).toHaveLength(1);
  });

  it('refuses to call without a key, before any request', async () => {
    const keyless = createAnthropic({ baseURL: mock.url, env: {} });
    const created: string[] = [];
    const onCreate = (message: unknown) => {
      created.push(String((message as { request: { origin: unknown } }).request.origin));
    };
    subscribe('undici:request:create', onCreate);

    const error = await failure(keyless.chat(hello, call)).finally(() =>
      unsubscribe('undici:request:create', onCreate),
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.upstreamStatus).toBeUndefined();
    expect(error.message).toContain('ANTHROPIC_API_KEY');
    expect(created).toEqual([]);
    expect(mock.requestCount()).toBe(0);
  });

  it('sends one anthropic-beta header from the call’s headers, its params and what the body needs', async () => {
    await provider.chat(
      { ...hello, messages: [{ role: 'user', content: [{ type: 'file', file: { file_id: 'file_1' } }] }] },
      {
        ...call,
        headers: { 'Anthropic-Beta': 'context-1m-2025-08-07' },
        params: { anthropic_beta: ['interleaved-thinking-2025-05-14', 'context-1m-2025-08-07'] },
      },
    );

    expect(mock.requests[0]?.headers['anthropic-beta']).toBe(
      'context-1m-2025-08-07,interleaved-thinking-2025-05-14,files-api-2025-04-14',
    );
  });

  it('lets configured headers replace its own, without duplicating them', async () => {
    const configured = createAnthropic({
      apiKey: 'sk-ant-not-this-one',
      baseURL: mock.url,
      env: {},
      headers: { 'X-Api-Key': apiKey, 'anthropic-version': '2023-01-01', 'x-team': 'search' },
    });

    await configured.chat(hello, call);
    await configured.close?.();

    expect(mock.requests[0]?.headers).toMatchObject({
      'x-api-key': apiKey,
      'anthropic-version': '2023-01-01',
      'x-team': 'search',
    });
  });
});

it('reuses pooled keep-alive connections for sequential calls, streams included', async () => {
  const fresh = createAnthropic({ apiKey, baseURL: mock.url, env: {} });

  // undici's pool hands a request made in the same tick as the previous one finished to a second
  // socket, so sequential calls alternate between two; a call that destroyed its connection (or
  // did not use the pool) would show up as a third port.
  const ports = await socketsUsedBy(async () => {
    for (let index = 0; index < 4; index += 1) {
      await collect(await fresh.stream({ ...hello, stream_options: { include_usage: true } }, call));
      await fresh.chat(hello, call);
    }
  });
  await fresh.close?.();

  expect(mock.requestCount()).toBe(8);
  expect(ports).toHaveLength(8);
  expect(new Set(ports).size).toBeLessThanOrEqual(2);
});
