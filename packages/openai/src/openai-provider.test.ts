import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import {
  AuthenticationError,
  type ChatRequest,
  type EmbeddingResponse,
  getRawJson,
  isProvider,
  type Provider,
} from '@switchyard/core';
import {
  decodeFloat32Base64,
  encodeFloat32Base64,
  type MockUpstream,
  startMockUpstream,
} from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  apiKey,
  call,
  collect,
  embed,
  embeddingRequest,
  failure,
  flavours,
  hello,
  otherKey,
  parseJson,
  streamHello,
  textOf,
  toolCall,
  toolRequest,
} from './__fixtures__/provider-harness.js';
import { createOpenAI } from './openai-provider.js';

let mock: MockUpstream;
/** A second upstream, to tell which base URL a call went to. */
let elsewhere: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  elsewhere = await startMockUpstream();
});
beforeEach(() => {
  mock.reset();
  elsewhere.reset();
});
afterAll(async () => {
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

describe.each(flavours)('$name over real HTTP', ({ id, create }) => {
  let provider: Provider;

  beforeAll(() => {
    provider = create(`${mock.url}/v1`);
  });
  afterAll(() => provider.close?.());

  it('is a provider with its own id and OpenAI’s capabilities', () => {
    expect(isProvider(provider)).toBe(true);
    expect(provider.id).toBe(id);
    expect(provider.capabilities).toMatchObject({ chat: true, stream: true, embeddings: true, tools: true });
  });

  describe('chat', () => {
    it('posts the request, unknown fields included, to /v1/chat/completions with the bearer key', async () => {
      const request: ChatRequest = {
        ...loadJsonFixture<ChatRequest>('chat-completion.request.json'),
        model: 'gpt-4o-mini',
        temperature: 0.2,
        user: 'user-1234',
        vendor_option: { region: 'eu' },
      };

      await provider.chat(request, call);

      const [recorded] = mock.requests;
      expect(mock.requests).toHaveLength(1);
      expect(recorded).toMatchObject({ method: 'POST', path: '/v1/chat/completions', query: {} });
      expect(recorded?.headers).toMatchObject({
        authorization: `Bearer ${apiKey}`,
        'content-type': 'application/json',
        accept: 'application/json',
      });
      expect(recorded?.headers).not.toHaveProperty('openai-organization');
      expect(recorded?.body).toEqual(request);
    });

    it('leaves Switchyard’s own message fields out of the body', async () => {
      await provider.chat(
        {
          ...hello,
          messages: [
            { role: 'system', content: 'Be brief.', cache_control: { type: 'ephemeral' } },
            { role: 'assistant', content: 'Hi.', reasoning_content: 'greet back' },
            { role: 'user', content: 'Hello!' },
          ],
        },
        call,
      );

      expect(mock.requests[0]?.body).toEqual({
        ...hello,
        messages: [
          { role: 'system', content: 'Be brief.' },
          { role: 'assistant', content: 'Hi.' },
          { role: 'user', content: 'Hello!' },
        ],
      });
    });

    it('returns the completion as sent, linked to its original text', async () => {
      const response = await provider.chat(hello, call);

      expect(response).toMatchObject({
        object: 'chat.completion',
        model: 'gpt-4o-mini',
        choices: [
          {
            index: 0,
            message: { role: 'assistant', content: 'Mock reply to: Hello!' },
            finish_reason: 'stop',
          },
        ],
        usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
      });
      expect(parseJson(getRawJson(response))).toEqual(response);
    });

    it('returns tool calls', async () => {
      mock.script({ respond: { toolCalls: [toolCall] } });

      const response = await provider.chat(toolRequest, call);

      expect(mock.requests[0]?.body).toEqual(toolRequest);
      expect(response.choices[0]).toMatchObject({
        finish_reason: 'tool_calls',
        message: {
          content: null,
          tool_calls: [{ id: expect.stringMatching(/^call_/), type: 'function', function: toolCall }],
        },
      });
    });

    it('asks for a plain JSON answer even when the request says stream: true', async () => {
      const response = await provider.chat(
        { ...hello, stream: true, stream_options: { include_usage: true } },
        call,
      );

      expect(response.choices[0]?.message.content).toBe('Mock reply to: Hello!');
      expect(mock.requests[0]?.body).toEqual(hello);
    });
  });

  describe('stream', () => {
    it('streams the content and ends with the usage chunk when include_usage is set', async () => {
      const request: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };

      const chunks = await collect(await provider.stream(request, call));

      expect(mock.requests[0]?.headers.accept).toBe('text/event-stream');
      expect(mock.requests[0]?.body).toEqual(request);
      expect(textOf(chunks)).toBe('Mock reply to: Hello!');
      expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
      expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 4 } });
      for (const chunk of chunks) expect(parseJson(getRawJson(chunk))).toEqual(chunk);
    });

    it('has no usage chunk without include_usage', async () => {
      const chunks = await collect(await provider.stream(streamHello, call));

      expect(textOf(chunks)).toBe('Mock reply to: Hello!');
      expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage == null)).toBe(true);
    });

    it('asks for a stream even when the request does not say stream: true', async () => {
      const chunks = await collect(await provider.stream(hello, call));

      expect(mock.requests[0]?.body).toMatchObject({ stream: true });
      expect(textOf(chunks)).toBe('Mock reply to: Hello!');
    });

    it('streams tool calls whose fragments join to the arguments', async () => {
      mock.script({ respond: { toolCalls: [toolCall] } });

      const chunks = await collect(await provider.stream({ ...toolRequest, stream: true }, call));

      const deltas = chunks.flatMap((chunk) =>
        chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
      );
      expect(deltas[0]).toMatchObject({
        index: 0,
        id: expect.stringMatching(/^call_/),
        function: { name: toolCall.name },
      });
      expect(deltas.map((delta) => delta.function?.arguments ?? '').join('')).toBe(toolCall.arguments);
      expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
    });
  });

  describe('embeddings', () => {
    it('posts to /v1/embeddings and returns float vectors', async () => {
      const response = await embed(provider, embeddingRequest);

      expect(mock.requests[0]).toMatchObject({ path: '/v1/embeddings', body: embeddingRequest });
      expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
      expect(response).toMatchObject({
        object: 'list',
        model: embeddingRequest.model,
        usage: { prompt_tokens: 7 },
      });
      expect(response.data[0]?.embedding).toHaveLength(16);
      expect(parseJson(getRawJson(response))).toEqual(response);
    });

    it('returns base64 vectors as the string the upstream sent', async () => {
      const floats = await embed(provider, embeddingRequest);
      const base64 = await embed(provider, { ...embeddingRequest, encoding_format: 'base64' });

      const encoded = base64.data[0]?.embedding;
      expect(typeof encoded).toBe('string');
      expect(encoded).toBe((parseJson(getRawJson(base64)) as EmbeddingResponse).data[0]?.embedding);
      // The same vector as the float answer, as little-endian float32 bytes.
      expect(encoded).toBe(encodeFloat32Base64(floats.data[0]?.embedding as number[]));
      expect(decodeFloat32Base64(encoded as string)).toHaveLength(16);
    });
  });

  describe('routing and credentials', () => {
    it('sends a call to its own apiBase instead of the base URL', async () => {
      await provider.chat(hello, { ...call, apiBase: `${elsewhere.url}/v1/` });

      expect(mock.requestCount()).toBe(0);
      expect(elsewhere.requests.map((request) => request.path)).toEqual(['/v1/chat/completions']);
    });

    it('sends a call’s own api key and headers', async () => {
      await provider.chat(hello, { ...call, apiKey: otherKey, headers: { 'x-trace-id': 'trace-1' } });

      expect(mock.requests[0]?.headers).toMatchObject({
        authorization: `Bearer ${otherKey}`,
        'x-trace-id': 'trace-1',
      });
    });

    it('sends openai-organization when the deployment sets one', async () => {
      await provider.chat(hello, { ...call, params: { organization: 'org-deployment' } });

      expect(mock.requests[0]?.headers['openai-organization']).toBe('org-deployment');
    });
  });

  it('reuses pooled keep-alive connections for sequential calls, streams included', async () => {
    const fresh = create(`${mock.url}/v1`);

    // The mock does not record client ports, so undici's own diagnostics give the socket of each
    // request. undici's pool hands a request made in the same tick as the previous one finished to
    // a second socket, so sequential calls alternate between two; a call that destroyed its
    // connection (or did not use the pool) would show up as a third port.
    const ports = await socketsUsedBy(async () => {
      for (let index = 0; index < 4; index += 1) {
        await collect(
          await fresh.stream({ ...hello, stream: true, stream_options: { include_usage: true } }, call),
        );
        await fresh.chat(hello, call);
        await embed(fresh, embeddingRequest);
      }
    });
    await fresh.close?.();

    expect(mock.requestCount()).toBe(12);
    expect(ports).toHaveLength(12);
    expect(new Set(ports).size).toBeLessThanOrEqual(2);
  });
});

describe('createOpenAI settings', () => {
  it('sends the organization and project headers and extra headers it was configured with', async () => {
    const provider = createOpenAI({
      apiKey,
      baseURL: `${mock.url}/v1`,
      organization: 'org-abc123',
      project: 'proj_abc123',
      headers: { 'x-team': 'search' },
      env: {},
    });

    await provider.chat(hello, call);
    await provider.close?.();

    expect(mock.requests[0]?.headers).toMatchObject({
      'openai-organization': 'org-abc123',
      'openai-project': 'proj_abc123',
      'x-team': 'search',
    });
  });

  it('reads the key and base URL from its environment when not given', async () => {
    const provider = createOpenAI({ env: { OPENAI_API_KEY: otherKey, OPENAI_BASE_URL: `${mock.url}/v1` } });

    await provider.chat(hello, call);
    await provider.close?.();

    expect(mock.requests[0]).toMatchObject({
      path: '/v1/chat/completions',
      headers: { authorization: `Bearer ${otherKey}` },
    });
  });

  it('refuses to call the official API without a key, before any request', async () => {
    const provider = createOpenAI({ env: {} });
    const created: string[] = [];
    const onCreate = (message: unknown) => {
      created.push(String((message as { request: { origin: unknown } }).request.origin));
    };
    subscribe('undici:request:create', onCreate);

    const error = await failure(provider.chat(hello, call)).finally(() =>
      unsubscribe('undici:request:create', onCreate),
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.upstreamStatus).toBeUndefined();
    expect(error.message).toContain('OPENAI_API_KEY');
    expect(created).toEqual([]);
  });

  it('calls another base URL without a key, sending no authorization header', async () => {
    const provider = createOpenAI({ baseURL: `${elsewhere.url}/v1`, env: {} });

    await provider.chat(hello, call);
    await provider.close?.();

    expect(elsewhere.requests[0]?.headers).not.toHaveProperty('authorization');
  });
});
