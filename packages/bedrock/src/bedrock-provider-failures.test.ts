import {
  AbortedError,
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  type ChatChunk,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  type Provider,
  RateLimitError,
  ServiceUnavailableError,
  type SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKey,
  bedrockAt,
  call,
  collect,
  failure,
  hello,
  mockApiKeys,
  secretAccessKey,
  streamHello,
} from './__fixtures__/provider-harness.js';
import { createBedrock } from './bedrock-provider.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: mockApiKeys });
  provider = bedrockAt(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

/** Everything an error carries that could reach a log or a client. */
const everythingIn = (error: SwitchyardError) =>
  JSON.stringify({
    message: error.message,
    body: error.body,
    headers: error.headers,
    stack: error.stack,
    cause: String(error.cause),
  });

/** Reads a stream to its end or its error, keeping the chunks that came first. */
async function readUntilFailure(
  stream: AsyncIterable<ChatChunk>,
): Promise<{ chunks: ChatChunk[]; error: SwitchyardError }> {
  const chunks: ChatChunk[] = [];
  const error = await failure(
    (async () => {
      for await (const chunk of stream) chunks.push(chunk);
    })(),
  );
  return { chunks, error };
}

describe('bedrock upstream errors', () => {
  it.each([
    [400, BadRequestError, false],
    [401, AuthenticationError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [408, TimeoutError, true],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [503, ServiceUnavailableError, true],
  ] as const)(
    'maps a %i with Bedrock’s error body and type to its class',
    async (status, errorClass, retryable) => {
      mock.script({ status });

      const error = await failure(provider.chat(hello, call));

      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({
        upstreamStatus: status,
        retryable,
        provider: 'bedrock',
        model: call.model,
      });
      expect(error.message.length).toBeGreaterThan(0);
      expect(error.headers?.['x-amzn-errortype']).toMatch(/Exception:/);
    },
  );

  it('maps "Input is too long" to ContextWindowExceededError, honouring retry-after on throttling', async () => {
    mock.script({ status: 400, errorBody: { message: 'Input is too long for requested model.' }, times: 1 });
    mock.script({ status: 429, headers: { 'retry-after': '2' }, times: 1 });

    const tooLong = await failure(provider.chat(hello, call));
    const throttled = await failure(provider.chat(hello, call));

    expect(tooLong).toBeInstanceOf(ContextWindowExceededError);
    expect(tooLong).toMatchObject({
      code: 'context_length_exceeded',
      message: 'Input is too long for requested model.',
    });
    expect(throttled).toBeInstanceOf(RateLimitError);
    expect(throttled.retryAfterMs).toBe(2000);
  });

  it('rejects stream() itself when Bedrock refuses before the stream starts', async () => {
    mock.script({ status: 429 });

    expect(await failure(provider.stream(streamHello, call))).toBeInstanceOf(RateLimitError);
  });

  it('maps a bad signature (wrong secret) to AuthenticationError, never leaking the secret', async () => {
    const wrong = createBedrock({
      baseURL: mock.url,
      region: 'us-east-1',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'not-the-secret-0123456789',
      env: {},
    });
    mock.script({
      status: 403,
      errorBody: { message: `Signature mismatch for secret ${secretAccessKey}` },
      headers: { 'x-amzn-errortype': 'InvalidSignatureException' },
      times: 1,
    });

    const unsigned = await failure(wrong.chat(hello, call));
    const echoed = await failure(provider.chat(hello, call));

    expect(unsigned).toBeInstanceOf(AuthenticationError);
    expect(unsigned).toMatchObject({ upstreamStatus: 403, message: expect.stringContaining('signature') });
    expect(everythingIn(unsigned)).not.toContain('not-the-secret-0123456789');
    expect(echoed).toBeInstanceOf(AuthenticationError);
    expect(everythingIn(echoed)).not.toContain(secretAccessKey);
    await wrong.close?.();
  });

  it('maps an unknown API key to AuthenticationError, without echoing it', async () => {
    const error = await failure(provider.chat(hello, { ...call, apiKey: `${apiKey}-revoked` }));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(everythingIn(error)).not.toContain(apiKey);
  });

  it('fails without credentials before any request, saying where to set them', async () => {
    const bare = createBedrock({ baseURL: mock.url, env: {} });

    const error = await failure(bare.chat(hello, call));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('AWS_ACCESS_KEY_ID');
    expect(mock.requestCount()).toBe(0);
  });

  it('maps a 200 that is not JSON, or JSON without output, to BadGatewayError', async () => {
    mock.script({ malformed: true, times: 1 });
    mock.script({ status: 200, errorBody: { stopReason: 'end_turn' }, times: 1 });

    const malformed = await failure(provider.chat(hello, call));
    const empty = await failure(provider.chat(hello, call));

    expect(malformed).toBeInstanceOf(BadGatewayError);
    expect(malformed.code).toBe('invalid_upstream_response');
    expect(empty).toBeInstanceOf(BadGatewayError);
    expect(empty.message).toContain('output.message.content');
  });

  it('maps a dropped connection to a retryable APIConnectionError', async () => {
    mock.script({ dropConnection: true });

    const chat = await failure(provider.chat(hello, call));
    const stream = await failure(provider.stream(streamHello, call));

    for (const error of [chat, stream]) {
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error.retryable).toBe(true);
    }
  });
});

describe('bedrock stream failures', () => {
  it('throws Bedrock’s stream exception after the chunks before it (throttlingException)', async () => {
    mock.script({ streamErrorStatus: 429 });

    const { chunks, error } = await readUntilFailure(await provider.stream(streamHello, call));

    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe('Too many requests, please wait before trying again.');
  });

  it('throws a modelStreamErrorException after the content as a retryable BadGatewayError', async () => {
    mock.script({ respond: { finishReason: 'modelStreamErrorException' } });

    const { chunks, error } = await readUntilFailure(await provider.stream(streamHello, call));

    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Mock reply to: Hello!',
    );
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.retryable).toBe(true);
  });

  it('fails on a message whose checksum does not match, after the good ones', async () => {
    mock.script({ malformed: true });

    const { chunks, error } = await readUntilFailure(await provider.stream(streamHello, call));

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('invalid_upstream_response');
  });

  it('fails a "stream" answered with plain JSON', async () => {
    mock.script({ status: 200, errorBody: { output: { message: { content: [{ text: 'hi' }] } } } });

    const { error } = await readUntilFailure(await provider.stream(streamHello, call));

    expect(error).toBeInstanceOf(BadGatewayError);
  });
});

describe('bedrock deadlines, cancellation and drop_params', () => {
  it('gives up after timeoutMs with a TimeoutError and aborts the upstream request', async () => {
    mock.script({ hang: true });

    const error = await failure(provider.chat(hello, { ...call, timeoutMs: 150 }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect((await mock.waitForAbort()).path).toBe(
      '/model/anthropic.claude-3-5-sonnet-20240620-v1%3A0/converse',
    );
  });

  it('applies timeoutMs to the whole stream', async () => {
    mock.script({ hangAfterFirstChunk: true });

    const { chunks, error } = await readUntilFailure(
      await provider.stream(streamHello, { ...call, timeoutMs: 300 }),
    );

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(TimeoutError);
    await mock.waitForAbort();
  });

  it('rejects the iteration when the caller aborts mid-stream, and aborts the upstream request', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();
    const iterator = (await provider.stream(streamHello, { ...call, signal: controller.signal }))[
      Symbol.asyncIterator
    ]();

    const first = await iterator.next();
    const next = iterator.next();
    controller.abort();

    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    const error = await failure(next);
    expect(error).toBeInstanceOf(AbortedError);
    expect((await mock.waitForAbort()).path).toContain('/converse-stream');
  });

  it('aborts the upstream request when the consumer breaks out of the loop', async () => {
    mock.script({ hangAfterFirstChunk: true });

    for await (const _chunk of await provider.stream(streamHello, call)) break;

    expect((await mock.waitForAbort()).completed).toBe(false);
  });

  it('refuses seed with a 400 naming it and the provider, before any request; drops it with dropParams', async () => {
    const error = await failure(provider.chat({ ...hello, seed: 42 }, call));
    await provider.chat({ ...hello, seed: 42 }, { ...call, dropParams: true });

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'seed', code: 'unsupported_params' });
    expect(error.message).toContain('bedrock');
    expect(mock.requestCount()).toBe(1);
    expect(JSON.stringify(mock.requests[0]?.body)).not.toContain('42');
  });

  it('collects a complete stream without leaking a chunk after the usage', async () => {
    const chunks = await collect(await provider.stream(streamHello, call));

    expect(chunks.at(-1)?.choices).toEqual([]);
  });
});
