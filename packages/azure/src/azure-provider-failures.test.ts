import {
  AbortedError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  type ChatChunk,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  type Provider,
  RateLimitError,
  ServiceUnavailableError,
  type SwitchyardError,
  TimeoutError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  apiKey,
  azureAt,
  bodyOf,
  call,
  collect,
  deployment,
  failure,
  hello,
  streamHello,
  weatherTool,
} from './__fixtures__/provider-harness.js';
import { createAzure } from './azure-provider.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
  provider = azureAt(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

/** Everything an error carries that could reach a log or a client. */
const everythingIn = (error: SwitchyardError) =>
  JSON.stringify({ message: error.message, body: error.body, headers: error.headers, stack: error.stack });

describe('upstream errors', () => {
  it.each([
    ['error-400-content-filter.json', 400, ContentPolicyViolationError, 'content_filter'],
    ['error-400-context-length-exceeded.json', 400, ContextWindowExceededError, 'context_length_exceeded'],
    ['error-401-access-denied.json', 401, AuthenticationError, 'invalid_api_key'],
    ['error-404-deployment-not-found.json', 404, NotFoundError, 'DeploymentNotFound'],
  ] as const)('maps %s to its class', async (fixture, status, type, code) => {
    mock.script({ status, errorBody: loadJsonFixture(fixture) });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      code,
      upstreamStatus: status,
      retryable: false,
      provider: 'azure',
      model: deployment,
    });
  });

  it('maps a 429 to a retryable RateLimitError honouring retry-after-ms, before a stream starts too', async () => {
    const errorBody = loadJsonFixture('error-429-rate-limit.json');
    mock.script({
      status: 429,
      errorBody,
      headers: { 'retry-after': '6', 'retry-after-ms': '5800' },
      times: 2,
    });

    const chat = await failure(provider.chat(hello, call));
    const stream = await failure(provider.stream(streamHello, call));

    for (const error of [chat, stream]) {
      expect(error).toBeInstanceOf(RateLimitError);
      expect(error).toMatchObject({ retryable: true, retryAfterMs: 5800, code: 'rate_limit_exceeded' });
      expect(error.headers).toMatchObject({ 'retry-after': '6', 'x-request-id': expect.any(String) });
    }
  });

  it('maps 500 and 503 to retryable errors', async () => {
    mock.script({ status: 500, times: 1 });
    mock.script({ status: 503, times: 1 });

    expect(await failure(provider.chat(hello, call))).toBeInstanceOf(InternalServerError);
    const unavailable = await failure(provider.chat(hello, call));
    expect(unavailable).toBeInstanceOf(ServiceUnavailableError);
    expect(unavailable.retryable).toBe(true);
  });

  it('answers a wrong key with AuthenticationError, without the key anywhere', async () => {
    const wrongKey = 'azure-wrong-key-5d1c9e7a3b';
    const echo = { error: { code: '401', message: `The key ${apiKey} was revoked` } };
    mock.script({ status: 401, errorBody: echo, times: 1 });

    const wrong = await failure(azureAt(mock.url, { apiKey: wrongKey }).chat(hello, call));
    const echoed = await failure(provider.chat(hello, call));

    expect(wrong).toBeInstanceOf(AuthenticationError);
    expect(wrong.message).toContain('Access denied due to invalid subscription key');
    expect(everythingIn(wrong)).not.toContain(wrongKey);
    expect(echoed.message).toBe('The key [REDACTED] was revoked');
    expect(everythingIn(echoed)).not.toContain(apiKey);
  });

  it('maps embedding errors the same way', async () => {
    mock.script({ match: { model: 'embed-small' }, status: 404 });

    const error = await failure(provider.embed!({ model: 'x', input: 'y' }, { model: 'embed-small' }));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('DeploymentNotFound');
  });

  it('maps a 200 that is not JSON or has no choices to BadGatewayError', async () => {
    mock.script({ malformed: true, times: 1 });
    mock.script({ status: 200, errorBody: { object: 'chat.completion' }, times: 1 });

    const malformed = await failure(provider.chat(hello, call));
    const empty = await failure(provider.chat(hello, call));

    expect(malformed).toBeInstanceOf(BadGatewayError);
    expect(malformed.code).toBe('invalid_upstream_response');
    expect(empty.message).toContain('without choices');
  });
});

describe('failures inside a stream', () => {
  async function readUntilFailure(stream: AsyncIterable<ChatChunk>) {
    const chunks: ChatChunk[] = [];
    const error = await failure(
      (async () => {
        for await (const chunk of stream) chunks.push(chunk);
      })(),
    );
    return { chunks, error };
  }

  it('throws BadGatewayError on an invalid frame after the first chunk', async () => {
    mock.script({ malformed: true });

    const { chunks, error } = await readUntilFailure(await provider.stream(streamHello, call));

    expect(chunks).toHaveLength(1);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    expect(error).toBeInstanceOf(BadGatewayError);
  });

  it('throws the error an error frame carries', async () => {
    // Not a fresh literal: the mock's built types may predate `streamErrorStatus` (tests run its source).
    const rule = { streamErrorStatus: 429, times: 1 };
    mock.script(rule);

    const { chunks, error } = await readUntilFailure(await provider.stream(streamHello, call));

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(RateLimitError);
  });

  it('throws incomplete_stream when the answer ends without a finish reason', async () => {
    mock.script({ status: 200, errorBody: loadJsonFixture('chat-completion.response.json') });

    const error = await failure(collect(await provider.stream(streamHello, call)));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('incomplete_stream');
  });

  it('aborts the upstream request when the caller aborts mid-stream', async () => {
    mock.script({ hangAfterFirstChunk: true });
    const controller = new AbortController();
    const stream = await provider.stream(streamHello, { ...call, signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();

    const first = await iterator.next();
    controller.abort();
    const error = await failure(iterator.next());

    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    expect(error).toBeInstanceOf(AbortedError);
    expect(await mock.waitForAbort()).toMatchObject({ aborted: true, model: deployment });
  });

  it('turns a deadline into a TimeoutError and frees the upstream', async () => {
    mock.script({ hang: true });

    const error = await failure(provider.chat(hello, { ...call, timeoutMs: 150 }));

    expect(error).toBeInstanceOf(TimeoutError);
    await mock.waitForAbort();
  });
});

describe('before the network', () => {
  it('refuses a call without an endpoint', async () => {
    const error = await failure(createAzure({ apiKey, env: {} }).chat(hello, call));

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.code).toBe('missing_api_base');
    expect(error.message).toContain('api_base');
  });

  it('refuses a call without credentials', async () => {
    const error = await failure(createAzure({ baseURL: mock.url, env: {} }).chat(hello, call));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('AZURE_API_KEY');
    expect(mock.requestCount()).toBe(0);
  });

  describe('drop_params on api versions without a feature', () => {
    const request = { ...hello, tools: [weatherTool], tool_choice: 'required' as const };
    const old = { ...call, apiVersion: '2024-02-01' };

    it('refuses tool_choice "required" before 2024-06-01 with a 400 naming it', async () => {
      const error = await failure(provider.chat(request, old));

      expect(error).toBeInstanceOf(BadRequestError);
      expect(error).toMatchObject({ param: 'tool_choice', code: 'unsupported_params' });
      expect(error.message).toContain('azure');
      expect(mock.requestCount()).toBe(0);
    });

    it('drops it with drop_params', async () => {
      await provider.chat(request, { ...old, dropParams: true });

      expect(bodyOf(mock.requests[0])).not.toHaveProperty('tool_choice');
      expect(bodyOf(mock.requests[0]).tools).toEqual([weatherTool]);
    });
  });
});
