import {
  AbortedError,
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  type Provider,
  RateLimitError,
  ServiceUnavailableError,
  type SwitchyardError,
  TimeoutError,
  UnprocessableEntityError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  apiKey,
  call,
  collect,
  failure,
  hello,
  providerFor,
  streamFailure,
} from './__fixtures__/provider-harness.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
  provider = providerFor(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

/** Everything an error carries that could reach a log or a client. */
const everythingIn = (error: SwitchyardError) =>
  JSON.stringify({ message: error.message, body: error.body, headers: error.headers, stack: error.stack });

describe('upstream error statuses', () => {
  it.each([
    [400, BadRequestError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [422, UnprocessableEntityError, false],
    [429, RateLimitError, true],
    [498, AuthenticationError, false],
    [499, InternalServerError, true],
    [500, InternalServerError, true],
    [503, ServiceUnavailableError, true],
  ])('maps %i with Cohere’s body to its class', async (status, type, retryable) => {
    mock.script({ status, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      upstreamStatus: status,
      retryable,
      provider: 'cohere',
      model: 'command-a-03-2025',
    });
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.headers?.['x-debug-trace-id']).toMatch(/^[0-9a-f]{32}$/);
  });

  it('maps a wrong key to an authentication error without leaking it', async () => {
    const wrongKey = 'co-not-a-real-key-1Aa2Bb3Cc';

    const error = await failure(provider.chat(hello, { ...call, apiKey: wrongKey }));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toBe('invalid api token');
    expect(everythingIn(error)).not.toContain(wrongKey);
  });

  it('honours retry-after on a rate limit', async () => {
    mock.script({ status: 429, headers: { 'retry-after': '3' }, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toContain('Trial key');
  });

  it('recognises the context window and safety blocks in Cohere’s messages', async () => {
    mock.script({ status: 400, errorBody: loadJsonFixture('error-400-too-many-tokens.json'), times: 1 });
    mock.script({
      status: 400,
      errorBody: { message: 'blocked output: please adjust your prompt' },
      times: 1,
    });

    const tooLong = await failure(provider.chat(hello, call));
    const blocked = await failure(provider.chat(hello, call));

    expect(tooLong).toBeInstanceOf(ContextWindowExceededError);
    expect(tooLong.code).toBe('context_length_exceeded');
    expect(blocked).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('rejects stream() itself when the error comes before the first event', async () => {
    mock.script({ status: 429, times: 1 });

    const error = await failure(provider.stream(hello, call));

    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('fails embeddings the same way', async () => {
    mock.script({
      match: { path: '/v2/embed' },
      status: 400,
      errorBody: { message: 'invalid request: bad input' },
    });

    const error = await failure(
      provider.embed!({ model: 'embed-v4.0', input: 'x' }, { model: 'embed-v4.0' }),
    );

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toBe('invalid request: bad input');
  });
});

describe('failed generations', () => {
  it('throws for a finish reason of ERROR, plain and streamed', async () => {
    mock.script({ respond: { finishReason: 'ERROR' }, times: 2 });

    const plain = await failure(provider.chat(hello, call));
    const streamed = await streamFailure(await provider.stream(hello, call));

    expect(plain).toBeInstanceOf(InternalServerError);
    expect(plain.retryable).toBe(true);
    expect(streamed).toBeInstanceOf(InternalServerError);
  });

  it('throws a timeout for a finish reason of TIMEOUT', async () => {
    mock.script({ respond: { finishReason: 'TIMEOUT' }, times: 1 });

    expect(await failure(provider.chat(hello, call))).toBeInstanceOf(TimeoutError);
  });
});

describe('broken answers', () => {
  it('reports a response that is not JSON', async () => {
    mock.script({ malformed: true, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('invalid_upstream_response');
  });

  it('ends a stream that breaks after the first event with an error, after the role chunk', async () => {
    mock.script({ malformed: true, times: 1 });
    const chunks: unknown[] = [];

    const error = await failure(
      (async () => {
        for await (const chunk of await provider.stream(hello, call)) chunks.push(chunk);
      })(),
    );

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(chunks).toHaveLength(1);
  });

  it('keeps the class of an error that arrives mid-stream, after the role chunk', async () => {
    // A variable, not a literal: the rule field is newer than some builds of the mock's types.
    const midStreamRateLimit = { streamErrorStatus: 429, times: 1 };
    mock.script(midStreamRateLimit);
    const chunks: unknown[] = [];

    const error = await failure(
      (async () => {
        for await (const chunk of await provider.stream(hello, call)) chunks.push(chunk);
      })(),
    );

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toContain('Trial key');
    expect(chunks).toHaveLength(1);
  });

  it('reports a dropped connection as a retryable connection error', async () => {
    mock.script({ dropConnection: true, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(true);
  });
});

describe('cancellation and deadlines', () => {
  it('aborts the upstream request when the caller aborts mid-stream', async () => {
    mock.script({ hangAfterFirstChunk: true, times: 1 });
    const controller = new AbortController();
    const stream = await provider.stream(hello, { ...call, signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();

    const first = await iterator.next();
    controller.abort();
    const error = await failure(iterator.next());

    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    expect(error).toBeInstanceOf(AbortedError);
    expect((await mock.waitForAbort()).path).toBe('/v2/chat');
  });

  it('stops reading upstream when the consumer leaves the loop early', async () => {
    mock.script({ chunkDelayMs: 20, times: 1 });

    for await (const _chunk of await provider.stream(hello, call)) break;

    expect((await mock.waitForAbort()).aborted).toBe(true);
  });

  it('turns a deadline into a TimeoutError and frees the upstream', async () => {
    mock.script({ hang: true, times: 1 });

    const error = await failure(provider.chat(hello, { ...call, timeoutMs: 100 }));

    expect(error).toBeInstanceOf(TimeoutError);
    await mock.waitForAbort();
  });

  it('times out a stream that stalls after its first event', async () => {
    mock.script({ hangAfterFirstChunk: true, times: 1 });

    const error = await streamFailure(await provider.stream(hello, { ...call, timeoutMs: 150 }));

    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('completes a stream whose events arrive slowly', async () => {
    mock.script({ chunkDelayMs: 5, times: 1 });

    const chunks = await collect(await provider.stream(hello, call));

    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });
});
