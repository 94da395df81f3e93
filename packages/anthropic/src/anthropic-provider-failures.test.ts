import {
  AbortedError,
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  type ChatChunk,
  ContextWindowExceededError,
  type Provider,
  RateLimitError,
  ServiceUnavailableError,
  type SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { apiKey, call, collect, failure, hello, textOf } from './__fixtures__/provider-harness.js';
import { createAnthropic } from './anthropic-provider.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
  provider = createAnthropic({ apiKey, baseURL: mock.url, env: {} });
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
    param: error.param,
    code: error.code,
    type: error.type,
  });

/** Reads a stream until it fails; the chunks before and the error. */
async function readUntilFailure(stream: AsyncIterable<ChatChunk>) {
  const chunks: ChatChunk[] = [];
  const error = await failure(
    (async () => {
      for await (const chunk of stream) chunks.push(chunk);
    })(),
  );
  return { chunks, error };
}

describe('upstream errors', () => {
  it('maps a 429 with retry-after to a retryable RateLimitError, keeping the request id', async () => {
    mock.script({
      status: 429,
      errorBody: loadJsonFixture('error-429-rate-limit.json'),
      headers: { 'retry-after': '2' },
    });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: 2000,
      type: 'rate_limit_error',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      upstreamStatus: 429,
      headers: { 'retry-after': '2', 'request-id': expect.stringMatching(/^req_mock/) },
    });
  });

  it('maps 529 overloaded to a retryable ServiceUnavailableError (503)', async () => {
    mock.script({ status: 529 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ status: 503, upstreamStatus: 529, retryable: true, message: 'Overloaded' });
  });

  it('maps a 400 "prompt is too long" to ContextWindowExceededError', async () => {
    mock.script({ status: 400, errorBody: loadJsonFixture('error-400-prompt-too-long.json') });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toMatchObject({ code: 'context_length_exceeded', retryable: false, status: 400 });
  });

  it('passes a temperature above 1 on and maps Anthropic’s refusal to a BadRequestError', async () => {
    const error = await failure(provider.chat({ ...hello, temperature: 1.4 }, call));

    expect(mock.requests[0]?.body).toMatchObject({ temperature: 1.4 });
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ message: 'temperature: range: 0..1', upstreamStatus: 400 });
  });

  it('never lets the api key reach an error, even when the upstream echoes it', async () => {
    const wrongKey = 'sk-ant-api03-wrong-key-Zq81Kd7Hh2Lm0Pq';
    const wrong = createAnthropic({ apiKey: wrongKey, baseURL: mock.url, env: {} });
    mock.script({
      status: 401,
      errorBody: { type: 'error', error: { type: 'authentication_error', message: `bad key ${apiKey}` } },
      times: 1,
    });

    const echoed = await failure(provider.chat(hello, call));
    const rejected = await failure(wrong.stream(hello, call));
    await wrong.close?.();

    expect(echoed).toBeInstanceOf(AuthenticationError);
    expect(echoed.message).toBe('bad key [REDACTED]');
    expect(everythingIn(echoed)).not.toContain(apiKey.slice(8, 24));
    expect(rejected).toBeInstanceOf(AuthenticationError);
    expect(rejected.message).toBe('invalid x-api-key');
    expect(everythingIn(rejected)).not.toContain(wrongKey.slice(8, 24));
  });

  it('rejects stream() itself when the upstream fails before the first event', async () => {
    mock.script({ status: 529, headers: { 'retry-after': '1' } });

    const error = await failure(provider.stream(hello, call));

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.retryAfterMs).toBe(1000);
  });

  it('ends a stream with the mapped error when an `event: error` arrives mid-stream', async () => {
    mock.script({ streamErrorStatus: 529 });

    const { chunks, error } = await readUntilFailure(await provider.stream(hello, call));

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({ retryable: true, upstreamStatus: 529, type: 'overloaded_error' });
  });

  it('maps a 200 whose body is not JSON, or has no content, to BadGatewayError', async () => {
    mock.script({ malformed: true, times: 1 });
    mock.script({ status: 200, errorBody: { type: 'message', id: 'msg_1' }, times: 1 });

    const malformed = await failure(provider.chat(hello, call));
    const empty = await failure(provider.chat(hello, call));

    for (const error of [malformed, empty]) {
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error.code).toBe('invalid_upstream_response');
    }
    expect(empty.message).toContain('without content');
  });

  it('fails a stream that sends an invalid event after the first one', async () => {
    mock.script({ malformed: true });

    const { chunks, error } = await readUntilFailure(await provider.stream(hello, call));

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('invalid_upstream_response');
  });

  it('fails a "stream" answered with plain JSON (upstream ignored stream: true) as incomplete', async () => {
    mock.script({ status: 200, errorBody: loadJsonFixture('messages.response.json') });

    const error = await failure(collect(await provider.stream(hello, call)));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('incomplete_stream');
  });

  it('maps a dropped connection to a retryable APIConnectionError', async () => {
    mock.script({ dropConnection: true });

    const chat = await failure(provider.chat(hello, call));
    const stream = await failure(provider.stream(hello, call));

    for (const error of [chat, stream]) {
      expect(error).toBeInstanceOf(APIConnectionError);
      expect(error.retryable).toBe(true);
    }
  });
});

describe('deadlines and cancellation', () => {
  it('gives up after timeoutMs with a TimeoutError and aborts the upstream request', async () => {
    mock.script({ hang: true });

    const error = await failure(provider.chat(hello, { ...call, timeoutMs: 150 }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect((await mock.waitForAbort()).path).toBe('/v1/messages');
  });

  it('applies timeoutMs to the whole stream', async () => {
    mock.script({ hangAfterFirstChunk: true });

    const { chunks, error } = await readUntilFailure(
      await provider.stream(hello, { ...call, timeoutMs: 300 }),
    );

    expect(textOf(chunks)).toBe('');
    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(TimeoutError);
    await mock.waitForAbort();
  });

  it('rejects the iteration when the caller aborts mid-stream, and aborts the upstream request', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();
    const iterator = (await provider.stream(hello, { ...call, signal: controller.signal }))[
      Symbol.asyncIterator
    ]();

    const first = await iterator.next();
    const next = iterator.next();
    controller.abort();

    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    const error = await failure(next);
    expect(error).toBeInstanceOf(AbortedError);
    expect((await mock.waitForAbort()).path).toBe('/v1/messages');
  });

  it('rejects at once, without a request, when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();

    const error = await failure(provider.chat(hello, { ...call, signal: controller.signal }));

    expect(error).toBeInstanceOf(AbortedError);
    expect(mock.requestCount()).toBe(0);
  });

  it('aborts the upstream request when the consumer breaks out of the loop', async () => {
    mock.script({ hangAfterFirstChunk: true });

    for await (const _chunk of await provider.stream(hello, call)) break;

    expect((await mock.waitForAbort()).completed).toBe(false);
  });
});
