import {
  AbortedError,
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  type ChatChunk,
  ContextWindowExceededError,
  InternalServerError,
  type Provider,
  RateLimitError,
  type SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
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
  streamHello,
} from './__fixtures__/provider-harness.js';

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

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

describe.each(flavours)('$name over real HTTP', ({ id, create }) => {
  let provider: Provider;

  beforeAll(() => {
    provider = create(`${mock.url}/v1`);
  });
  afterAll(() => provider.close?.());

  describe('upstream errors', () => {
    it('maps a 429 with retry-after to a retryable RateLimitError', async () => {
      const body = loadJsonFixture('error-429-rate-limit-exceeded.json');
      mock.script({ status: 429, errorBody: body, headers: { 'retry-after': '2' } });

      const error = await failure(provider.chat(hello, call));

      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({
        retryable: true,
        retryAfterMs: 2000,
        type: 'tokens',
        code: 'rate_limit_exceeded',
        provider: id,
        model: 'gpt-4o-mini',
        upstreamStatus: 429,
        headers: { 'retry-after': '2', 'x-request-id': expect.stringMatching(/^req_mock/) },
      });
    });

    it('prefers retry-after-ms', async () => {
      mock.script({ status: 429, headers: { 'retry-after': '20', 'retry-after-ms': '174' } });

      const error = await failure(provider.chat(hello, call));

      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.retryAfterMs).toBe(174);
    });

    it('maps a 400 context_length_exceeded to ContextWindowExceededError', async () => {
      mock.script({ status: 400, errorBody: loadJsonFixture('error-400-context-length-exceeded.json') });

      const error = await failure(provider.chat(hello, call));

      expect(error).toBeInstanceOf(ContextWindowExceededError);
      expect(error).toMatchObject({ param: 'messages', retryable: false, status: 400 });
    });

    it('maps a 500 to a retryable InternalServerError, and x-should-retry: false overrides it', async () => {
      mock.script({ status: 500, errorBody: loadJsonFixture('error-500-server-error.json'), times: 1 });
      mock.script({ status: 500, headers: { 'x-should-retry': 'false' }, times: 1 });

      const retryable = await failure(provider.chat(hello, call));
      const final = await failure(provider.chat(hello, call));

      expect(retryable).toBeInstanceOf(InternalServerError);
      expect(retryable.retryable).toBe(true);
      expect(final.retryable).toBe(false);
    });

    it('rejects stream() itself when the upstream fails before the first chunk', async () => {
      mock.script({ status: 429, headers: { 'retry-after-ms': '1500' } });

      const error = await failure(provider.stream(streamHello, call));

      expect(error).toBeInstanceOf(RateLimitError);
      expect(error.retryAfterMs).toBe(1500);
    });

    it('maps embedding errors the same way', async () => {
      mock.script({
        match: { path: '/embeddings' },
        status: 400,
        errorBody: loadJsonFixture('error-400-context-length-exceeded.json'),
      });

      const error = await failure(embed(provider, embeddingRequest));

      expect(error).toBeInstanceOf(ContextWindowExceededError);
      expect(error.provider).toBe(id);
    });

    it('never lets the api key reach an error, even when the upstream echoes it', async () => {
      const echo = (message: string) => ({
        error: { message, type: 'invalid_request_error', param: null, code: 'invalid_api_key' },
      });
      mock.script({ status: 401, errorBody: echo(`Incorrect API key provided: ${apiKey}.`), times: 1 });
      mock.script({ status: 401, errorBody: `Unauthorized: Bearer ${apiKey} was rejected`, times: 1 });
      mock.script({ status: 401, errorBody: echo(`Key ${apiKey} revoked`), times: 1 });

      const errors = [
        await failure(provider.chat(hello, call)),
        await failure(provider.chat(hello, call)),
        await failure(provider.stream(streamHello, call)),
      ];

      for (const error of errors) {
        expect(error).toBeInstanceOf(AuthenticationError);
        expect(everythingIn(error)).not.toContain(apiKey);
        expect(everythingIn(error)).not.toContain(apiKey.slice(8, 24));
      }
      expect(errors[0]?.message).toBe('Incorrect API key provided: [REDACTED].');
    });

    it('maps a 200 whose body is not JSON to BadGatewayError', async () => {
      mock.script({ malformed: true });

      const chat = await failure(provider.chat(hello, call));
      const embedding = await failure(embed(provider, embeddingRequest));

      for (const error of [chat, embedding]) {
        expect(error).toBeInstanceOf(BadGatewayError);
        expect(error).toMatchObject({ code: 'invalid_upstream_response', provider: id });
      }
    });

    it('maps a 200 JSON answer without choices or data to BadGatewayError', async () => {
      mock.script({ status: 200, errorBody: { object: 'chat.completion', id: 'chatcmpl-1' } });

      const chat = await failure(provider.chat(hello, call));
      const embedding = await failure(embed(provider, embeddingRequest));

      expect(chat).toBeInstanceOf(BadGatewayError);
      expect(chat.message).toContain('without choices');
      expect(embedding).toBeInstanceOf(BadGatewayError);
      expect(embedding.message).toContain('without data');
    });

    it('fails a stream that sends an invalid frame with BadGatewayError, after the good ones', async () => {
      mock.script({ malformed: true });
      const chunks: ChatChunk[] = [];

      const error = await failure(
        (async () => {
          for await (const chunk of await provider.stream(streamHello, call)) chunks.push(chunk);
        })(),
      );

      expect(chunks).toHaveLength(1);
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error.code).toBe('invalid_upstream_response');
    });

    it('fails a "stream" answered with plain JSON (upstream ignored stream: true) as incomplete', async () => {
      mock.script({ status: 200, errorBody: loadJsonFixture('chat-completion.response.json') });

      const error = await failure(collect(await provider.stream(streamHello, call)));

      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error.code).toBe('incomplete_stream');
    });

    it('maps a dropped connection to APIConnectionError', async () => {
      mock.script({ dropConnection: true });

      const chat = await failure(provider.chat(hello, call));
      const stream = await failure(provider.stream(streamHello, call));

      for (const error of [chat, stream]) {
        expect(error).toBeInstanceOf(APIConnectionError);
        expect(error.retryable).toBe(true);
        expect(error.message).toContain(new URL(mock.url).host);
      }
    });
  });

  describe('deadlines and cancellation', () => {
    it('gives up after timeoutMs with a TimeoutError and aborts the upstream request', async () => {
      mock.script({ hang: true });

      const error = await failure(provider.chat(hello, { ...call, timeoutMs: 150 }));

      expect(error).toBeInstanceOf(TimeoutError);
      expect(error.retryable).toBe(true);
      const aborted = await mock.waitForAbort();
      expect(aborted.path).toBe('/v1/chat/completions');
    });

    it('applies timeoutMs to the whole stream', async () => {
      mock.script({ hangAfterFirstChunk: true });
      const chunks: ChatChunk[] = [];

      const error = await failure(
        (async () => {
          const stream = await provider.stream(streamHello, { ...call, timeoutMs: 300 });
          for await (const chunk of stream) chunks.push(chunk);
        })(),
      );

      expect(chunks).toHaveLength(1);
      expect(error).toBeInstanceOf(TimeoutError);
      await mock.waitForAbort();
    });

    it('rejects the iteration when the caller aborts mid-stream, and aborts the upstream request', async () => {
      mock.script({ hangAfterFirstChunk: true });
      const controller = new AbortController();
      const stream = await provider.stream(streamHello, { ...call, signal: controller.signal });
      const iterator = stream[Symbol.asyncIterator]();

      const first = await iterator.next();
      const next = iterator.next();
      controller.abort();

      expect(first.value?.choices[0]?.delta.role).toBe('assistant');
      const error = await failure(next);
      expect(error).toBeInstanceOf(AbortedError);
      expect(error.retryable).toBe(false);
      expect((await mock.waitForAbort()).path).toBe('/v1/chat/completions');
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
      const seen: ChatChunk[] = [];

      for await (const chunk of await provider.stream(streamHello, call)) {
        seen.push(chunk);
        break;
      }

      expect(seen).toHaveLength(1);
      const aborted = await mock.waitForAbort();
      expect(aborted.completed).toBe(false);
    });
  });
});
