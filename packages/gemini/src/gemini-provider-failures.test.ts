import {
  AbortedError,
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  type ChatChunk,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  type HttpTransport,
  PermissionDeniedError,
  type Provider,
  RateLimitError,
  ServiceUnavailableError,
  type SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { apiKey, call, collect, failure, hello, streamHello } from './__fixtures__/provider-harness.js';
import { createGemini } from './gemini-provider.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
  provider = createGemini({ apiKey, baseURL: mock.url, env: {} });
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const everythingIn = (error: SwitchyardError) =>
  JSON.stringify({
    message: error.message,
    body: error.body,
    headers: error.headers,
    stack: error.stack,
    cause: String(error.cause),
  });

describe('upstream errors', () => {
  it('maps RESOURCE_EXHAUSTED to a retryable RateLimitError, RetryInfo giving the delay', async () => {
    mock.script({ status: 429, errorBody: loadJsonFixture('error-429-resource-exhausted.json') });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      retryable: true,
      retryAfterMs: 37_000,
      provider: 'gemini',
      model: 'gemini-2.0-flash',
      upstreamStatus: 429,
    });
    expect(error.message).toContain('You exceeded your current quota');
  });

  it('honours a retry-after header on the mock’s default 429', async () => {
    mock.script({ status: 429, headers: { 'retry-after': '2' } });

    const error = await failure(provider.stream(streamHello, call));

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(2000);
  });

  it.each([
    [400, 'error-400-context-length.json', ContextWindowExceededError],
    [403, 'error-403-permission-denied.json', PermissionDeniedError],
    [503, 'error-503-unavailable.json', ServiceUnavailableError],
  ])('maps a %i to its class', async (status, name, type) => {
    mock.script({ status, errorBody: loadJsonFixture(name) });

    expect(await failure(provider.chat(hello, call))).toBeInstanceOf(type);
  });

  it('maps the mock’s own refusal of a wrong key (400 API_KEY_INVALID) to AuthenticationError, never keeping the key', async () => {
    const wrongKey = 'AIzaSyD-wrong-key-that-the-mock-rejects-00';

    const error = await failure(provider.chat(hello, { ...call, apiKey: wrongKey }));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.upstreamStatus).toBe(400);
    expect(everythingIn(error)).not.toContain(wrongKey);
  });

  it('redacts the key when the upstream echoes it', async () => {
    mock.script({
      status: 400,
      errorBody: { error: { code: 400, message: `Bad key ${apiKey}`, status: 'INVALID_ARGUMENT' } },
    });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(BadRequestError);
    expect(everythingIn(error)).not.toContain(apiKey);
    expect(error.message).toBe('Bad key [REDACTED]');
  });

  it('maps a blocked prompt to ContentPolicyViolationError', async () => {
    mock.script({ status: 200, errorBody: loadJsonFixture('prompt-blocked.response.json') });

    expect(await failure(provider.chat(hello, call))).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('rejects stream() itself when the first event is a blocked prompt, so callers can still fall back', async () => {
    const event = `data: ${JSON.stringify(loadJsonFixture('prompt-blocked.response.json'))}\n\n`;
    // An injected transport answering 200 with that one event (the mock's scripted bodies are JSON).
    const transport: HttpTransport = {
      async request() {
        return {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: (async function* () {
            yield new TextEncoder().encode(event);
          })(),
          text: async () => event,
          dispose: () => {},
        };
      },
      close: async () => {},
    };

    const error = await failure(createGemini({ apiKey, transport, env: {} }).stream(streamHello, call));

    expect(error).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('maps a 200 that is not JSON, or has no candidates, to BadGatewayError', async () => {
    mock.script({ malformed: true, times: 1 });
    mock.script({ status: 200, errorBody: { usageMetadata: {} }, times: 1 });

    const malformed = await failure(provider.chat(hello, call));
    const empty = await failure(provider.chat(hello, call));

    expect(malformed).toMatchObject({ code: 'invalid_upstream_response' });
    expect(empty.message).toContain('without candidates');
  });

  it('fails a stream whose second event is invalid, after the first chunks', async () => {
    mock.script({ malformed: true });
    const chunks: ChatChunk[] = [];

    const error = await failure(
      (async () => {
        for await (const chunk of await provider.stream(streamHello, call)) chunks.push(chunk);
      })(),
    );

    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Mock ' },
    ]);
    expect(error).toMatchObject({ code: 'invalid_upstream_response' });
  });

  it('throws the error event Gemini sends mid-stream, never ending cleanly', async () => {
    mock.script({ streamErrorStatus: 503 });
    const chunks: ChatChunk[] = [];

    const error = await failure(
      (async () => {
        for await (const chunk of await provider.stream(streamHello, call)) chunks.push(chunk);
      })(),
    );

    expect(chunks.length).toBeGreaterThan(0);
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.retryable).toBe(true);
  });

  it('fails a stream answered with plain JSON as incomplete', async () => {
    mock.script({ status: 200, errorBody: loadJsonFixture('generate-content.response.json') });

    const error = await failure(provider.stream(streamHello, call));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('incomplete_stream');
  });

  it('maps a dropped connection to APIConnectionError', async () => {
    mock.script({ dropConnection: true });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(true);
  });
});

describe('deadlines and cancellation', () => {
  it('gives up after timeoutMs with a TimeoutError and aborts the upstream request', async () => {
    mock.script({ hang: true });

    const error = await failure(provider.chat(hello, { ...call, timeoutMs: 150 }));

    expect(error).toBeInstanceOf(TimeoutError);
    expect((await mock.waitForAbort()).path).toBe('/v1beta/models/gemini-2.0-flash:generateContent');
  });

  it('applies timeoutMs to the whole stream', async () => {
    mock.script({ hangAfterFirstChunk: true });

    const error = await failure(
      (async () => {
        await collect(await provider.stream(streamHello, { ...call, timeoutMs: 300 }));
      })(),
    );

    expect(error).toBeInstanceOf(TimeoutError);
    await mock.waitForAbort();
  });

  it('rejects the iteration when the caller aborts mid-stream, and aborts the upstream request', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();
    const stream = await provider.stream(streamHello, { ...call, signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();

    const first = await iterator.next();
    await iterator.next();
    const next = iterator.next();
    controller.abort();

    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    const error = await failure(next);
    expect(error).toBeInstanceOf(AbortedError);
    expect((await mock.waitForAbort()).path).toBe('/v1beta/models/gemini-2.0-flash:streamGenerateContent');
  });

  it('aborts the upstream request when the consumer breaks out of the loop', async () => {
    mock.script({ hangAfterFirstChunk: true });

    for await (const _chunk of await provider.stream(streamHello, call)) break;

    expect((await mock.waitForAbort()).completed).toBe(false);
  });
});

describe('drop_params', () => {
  const biased = { ...hello, logit_bias: { '1234': -100 }, temperature: 0.5 };

  it('refuses logit_bias with a 400 naming the parameter and the provider, before any request', async () => {
    const error = await failure(provider.chat(biased, call));

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'logit_bias', code: 'unsupported_params' });
    expect(error.message).toContain('gemini');
    expect(mock.requestCount()).toBe(0);
  });

  it('drops it with dropParams and sends the rest', async () => {
    await provider.chat(biased, { ...call, dropParams: true });

    expect(mock.requests[0]?.body).toEqual({
      contents: [{ role: 'user', parts: [{ text: 'Hello!' }] }],
      generationConfig: { temperature: 0.5 },
    });
  });
});
