import {
  AbortedError,
  APIConnectionError,
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
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
  baseOf,
  call,
  collect,
  failure,
  hello,
  streamFailure,
} from './__fixtures__/provider-harness.js';
import { createMistral } from './mistral-provider.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
  provider = createMistral({ apiKey, baseURL: baseOf(mock.url), env: {} });
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const streamHello = { ...hello, stream: true, stream_options: { include_usage: true } };

/** Everything an error carries that could reach a log or a client. */
const everythingIn = (error: SwitchyardError) =>
  JSON.stringify({
    message: error.message,
    body: error.body,
    headers: error.headers,
    stack: error.stack,
    param: error.param,
  });

describe('Mistral errors over real HTTP', () => {
  it.each([
    [400, BadRequestError, false],
    [401, AuthenticationError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [503, ServiceUnavailableError, true],
  ] as const)('maps Mistral’s %i to its class', async (status, type, retryable) => {
    mock.script({ status, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      retryable,
      upstreamStatus: status,
      provider: 'mistral',
      model: 'mistral-small-latest',
    });
    expect(error.message.length).toBeGreaterThan(0);
    expect(error.headers?.['mistral-correlation-id']).toBeTruthy();
  });

  it('honours retry-after on a 429', async () => {
    mock.script({ status: 429, headers: { 'retry-after': '2' }, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toMatchObject({ retryAfterMs: 2000, message: 'Requests rate limit exceeded' });
  });

  it('maps a prompt over the context window to ContextWindowExceededError', async () => {
    mock.script({ status: 400, errorBody: loadJsonFixture('error-400-context-length.json'), times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error.code).toBe('context_length_exceeded');
  });

  it('reports a field Mistral refuses (a 422) by name', async () => {
    const error = await failure(provider.chat({ ...hello, vendor_option: { region: 'eu' } }, call));

    expect(error).toBeInstanceOf(UnprocessableEntityError);
    expect(error.message).toBe('Extra inputs are not permitted: vendor_option');
    expect(error.param).toBe('vendor_option');
  });

  it('never lets the key reach an error, even when the upstream echoes it', async () => {
    mock.script({ status: 401, errorBody: { detail: `Invalid key ${apiKey}` }, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(everythingIn(error)).not.toContain(apiKey);
  });

  it('rejects stream() itself when the upstream fails before the first chunk', async () => {
    mock.script({ status: 429, times: 1 });

    expect(await failure(provider.stream(streamHello, call))).toBeInstanceOf(RateLimitError);
  });

  it('throws an error sent after the first chunk out of the stream, as its class', async () => {
    // A variable, not a literal: the rule field is newer than the mock's built type declarations.
    const midStreamFailure = { streamErrorStatus: 503, times: 1 };
    mock.script(midStreamFailure);

    const error = await streamFailure(await provider.stream(streamHello, call));

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.retryable).toBe(true);
  });

  it('fails a stream that breaks after the first chunk with BadGatewayError, never a clean end', async () => {
    mock.script({ malformed: true, times: 1 });

    expect(await streamFailure(await provider.stream(streamHello, call))).toBeInstanceOf(BadGatewayError);
  });

  it('maps a 200 whose body is not JSON to BadGatewayError', async () => {
    mock.script({ malformed: true, times: 1 });

    expect(await failure(provider.chat(hello, call))).toBeInstanceOf(BadGatewayError);
  });

  it('maps a dropped connection to a retryable APIConnectionError', async () => {
    mock.script({ dropConnection: true, times: 1 });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.retryable).toBe(true);
  });

  it('gives up after timeoutMs with a TimeoutError and aborts the upstream request', async () => {
    mock.script({ hang: true, times: 1 });

    expect(await failure(provider.chat(hello, { ...call, timeoutMs: 150 }))).toBeInstanceOf(TimeoutError);
    expect((await mock.waitForAbort({ timeoutMs: 5000 })).aborted).toBe(true);
  });

  it('rejects the iteration when the caller aborts mid-stream, and aborts the upstream request', async () => {
    mock.script({ hangAfterFirstChunk: true, times: 1 });
    const controller = new AbortController();
    const stream = await provider.stream(streamHello, { ...call, signal: controller.signal });
    const iterator = stream[Symbol.asyncIterator]();

    const first = await iterator.next();
    controller.abort();
    const error = await failure(iterator.next());

    expect(first.value?.choices[0]?.delta.role).toBe('assistant');
    expect(error).toBeInstanceOf(AbortedError);
    expect((await mock.waitForAbort({ timeoutMs: 5000 })).aborted).toBe(true);
  });

  it('aborts the upstream request when the consumer stops reading', async () => {
    mock.script({ hangAfterFirstChunk: true, times: 1 });
    const stream = await provider.stream(streamHello, call);

    for await (const _chunk of stream) break;

    expect((await mock.waitForAbort({ timeoutMs: 5000 })).aborted).toBe(true);
  });
});

describe('drop_params', () => {
  it('refuses a parameter Mistral does not have with a 400 naming it, before any request', async () => {
    const error = await failure(provider.chat({ ...hello, logit_bias: { '1': 5 } }, call));

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ code: 'unsupported_params', param: 'logit_bias' });
    expect(error.message).toContain('mistral');
    expect(mock.requests).toHaveLength(0);
  });

  it('drops it when drop_params is set, and the request goes through', async () => {
    const response = await provider.chat(
      { ...hello, logit_bias: { '1': 5 }, user: 'u-1' },
      { ...call, dropParams: true },
    );

    expect(response.choices[0]?.finish_reason).toBe('stop');
    expect(mock.requests.at(-1)?.body).not.toHaveProperty('logit_bias');
    expect(mock.requests.at(-1)?.body).not.toHaveProperty('user');
  });

  it('applies to streams and embeddings too', async () => {
    expect(await failure(provider.stream({ ...streamHello, top_logprobs: 2 }, call))).toBeInstanceOf(
      BadRequestError,
    );
    const embed = provider.embed?.bind(provider);
    if (!embed) throw new Error('expected embed');
    expect(await failure(embed({ model: 'mistral-embed', input: 'x', user: 'u' }, call))).toBeInstanceOf(
      BadRequestError,
    );
    await collect(await provider.stream({ ...streamHello, top_logprobs: 2 }, { ...call, dropParams: true }));
    expect(mock.requests).toHaveLength(1);
  });
});
