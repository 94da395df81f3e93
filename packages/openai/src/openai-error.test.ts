import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  SwitchyardError,
  TimeoutError,
  UnprocessableEntityError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture, loadJsonFixture } from './__fixtures__/load-fixture.js';
import { type OpenAIErrorContext, openAIError, statusOfErrorFrame } from './openai-error.js';

const apiKey = 'sk-proj-4ZvQh7T2mLk9pXc3Rb8WnY1sDf6GjA0e';

function classify(overrides: Partial<OpenAIErrorContext>): SwitchyardError {
  return openAIError({
    provider: 'openai',
    model: 'gpt-4o-mini',
    status: 500,
    headers: {},
    body: '',
    secrets: [apiKey],
    ...overrides,
  });
}

const envelope = (error: Record<string, unknown>) => JSON.stringify({ error });

describe('openAIError with recorded error bodies', () => {
  it.each([
    [
      'error-400-context-length-exceeded.json',
      400,
      ContextWindowExceededError,
      { type: 'invalid_request_error', code: 'context_length_exceeded', param: 'messages', retryable: false },
    ],
    [
      'error-401-invalid-api-key.json',
      401,
      AuthenticationError,
      { type: 'invalid_request_error', code: 'invalid_api_key', param: null, retryable: false },
    ],
    [
      'error-429-rate-limit-exceeded.json',
      429,
      RateLimitError,
      { type: 'tokens', code: 'rate_limit_exceeded', param: null, retryable: true },
    ],
    [
      'error-500-server-error.json',
      500,
      InternalServerError,
      { type: 'server_error', code: null, retryable: true },
    ],
  ])(
    'classifies %s (HTTP %i) as %o, keeping its type, code and param',
    (fixture, status, errorClass, fields) => {
      const body = loadFixture(fixture);

      const error = classify({ status, body });

      expect(error).toBeInstanceOf(errorClass);
      expect(SwitchyardError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({
        ...fields,
        status,
        upstreamStatus: status,
        provider: 'openai',
        model: 'gpt-4o-mini',
        message: loadJsonFixture<{ error: { message: string } }>(fixture).error.message,
        body,
      });
    },
  );
});

describe('openAIError classification', () => {
  it.each([
    [400, BadRequestError, false],
    [401, AuthenticationError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [408, TimeoutError, true],
    [409, ConflictError, true],
    [413, PayloadTooLargeError, false],
    [422, UnprocessableEntityError, false],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [502, BadGatewayError, true],
    [503, ServiceUnavailableError, true],
    [504, BadGatewayError, true],
    [418, BadRequestError, false],
  ])('maps HTTP %i to %o (retryable: %s)', (status, errorClass, retryable) => {
    const error = classify({
      status,
      body: envelope({ message: 'failed', type: 'x', param: null, code: null }),
    });

    expect(error).toBeInstanceOf(errorClass);
    expect(error.retryable).toBe(retryable);
    expect(error.upstreamStatus).toBe(status);
  });

  it('recognises content policy refusals by code', () => {
    const body = envelope({
      message: 'Your request was rejected as a result of our safety system.',
      type: 'invalid_request_error',
      param: null,
      code: 'content_policy_violation',
    });

    expect(classify({ status: 400, body })).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('keeps a numeric code (some compatible APIs send one) as a string', () => {
    const error = classify({ status: 429, body: envelope({ message: 'slow down', code: 429 }) });

    expect(error.code).toBe('429');
  });
});

describe('openAIError retry hints', () => {
  it.each([
    [{ 'retry-after': '20' }, 20_000],
    [{ 'retry-after-ms': '174' }, 174],
    [{ 'retry-after': '20', 'retry-after-ms': '1500' }, 1500],
    [{ 'retry-after': new Date(Date.now() + 60_000).toUTCString() }, expect.closeTo(60_000, -4)],
    [{ 'retry-after': 'soon' }, undefined],
    [{}, undefined],
  ])('reads %o as retryAfterMs %s', (headers, retryAfterMs) => {
    const error = classify({ status: 429, headers, body: loadFixture('error-429-rate-limit-exceeded.json') });

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toEqual(retryAfterMs);
  });

  it('lets x-should-retry override the status-based decision', () => {
    const body = loadFixture('error-500-server-error.json');

    expect(classify({ status: 500, body, headers: { 'x-should-retry': 'false' } }).retryable).toBe(false);
    expect(classify({ status: 400, body, headers: { 'x-should-retry': 'true' } }).retryable).toBe(true);
    expect(classify({ status: 500, body, headers: { 'x-should-retry': 'maybe' } }).retryable).toBe(true);
  });

  it('keeps only the request id and retry headers', () => {
    const error = classify({
      status: 429,
      body: loadFixture('error-429-rate-limit-exceeded.json'),
      headers: {
        'x-request-id': 'req_123',
        'retry-after': '1',
        'retry-after-ms': '900',
        'x-should-retry': 'true',
        'set-cookie': '__cf_bm=secret',
        'openai-organization': 'org-abc123',
        'x-ratelimit-remaining-tokens': '0',
      },
    });

    expect(error.headers).toEqual({
      'x-request-id': 'req_123',
      'retry-after': '1',
      'retry-after-ms': '900',
      'x-should-retry': 'true',
    });
  });
});

describe('openAIError secrets and odd bodies', () => {
  it('removes the api key from the message and the kept body', () => {
    const body = envelope({
      message: `Incorrect API key provided: ${apiKey}. You can find your API key at https://platform.openai.com/account/api-keys.`,
      type: 'invalid_request_error',
      param: null,
      code: 'invalid_api_key',
    });

    const error = classify({ status: 401, body });

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('Incorrect API key provided: [REDACTED].');
    expect(error.message).not.toContain(apiKey);
    expect(error.body).not.toContain(apiKey);
    expect(error.body).toContain('[REDACTED]');
  });

  it('removes a key that does not look like one (self-hosted servers) from every part of the error', () => {
    const key = 'local-token-0123456789abcdef';
    const body = `<html><body>401 Unauthorized: key ${key} is not allowed</body></html>`;

    const error = classify({ status: 401, body, secrets: [key] });

    expect(`${error.message} ${error.body} ${error.stack}`).not.toContain(key);
  });

  it('never keeps part of the key when it straddles where the message or body is cut', () => {
    const key = 'local-token-0123456789abcdef';
    // The key starts just before character 200 (where the message quotes the body up to) and
    // just before 4096 (where the kept body ends).
    const padding = (length: number) => 'x'.repeat(length);
    const nearMessageCut = `${padding(190)} ${key} denied`;
    const nearBodyCut = `${padding(4090)} ${key} denied`;

    const messageError = classify({ status: 401, body: nearMessageCut, secrets: [key] });
    const bodyError = classify({ status: 401, body: nearBodyCut, secrets: [key] });

    for (const error of [messageError, bodyError]) {
      expect(error.message).not.toContain(key.slice(0, 8));
      expect(error.body).not.toContain(key.slice(0, 8));
    }
  });

  it('masks other key-shaped secrets and bearer tokens it was not told about', () => {
    const body = envelope({
      message: 'Proxy saw Authorization: Bearer abcdefghijklmnop and sk-ant-api03-XYZXYZXYZ',
    });

    const error = classify({ status: 400, body, secrets: [] });

    expect(error.message).not.toContain('abcdefghijklmnop');
    expect(error.message).not.toContain('sk-ant-api03-XYZXYZXYZ');
  });

  it('handles a body that is not JSON (a proxy’s HTML page) by quoting its start', () => {
    const body = `<html><head><title>502 Bad Gateway</title></head><body>${'<p>cloudflare</p>'.repeat(40)}</body></html>`;

    const error = classify({ status: 502, body });

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.message).toBe(`openai answered HTTP 502: ${body.slice(0, 200)}`);
    expect(error.body).toBe(body);
    expect(error.type).toBe('server_error');
  });

  it('handles an empty body, and reads FastAPI’s detail or a bare message from JSON without OpenAI’s envelope', () => {
    const empty = classify({ status: 503, body: '' });
    const fastapi = classify({ status: 404, body: '{"detail":"Not Found"}' });
    const bare = classify({
      status: 400,
      body: '{"object":"error","message":"top_n must be positive","code":400}',
    });
    const emptyMessage = classify({ status: 500, body: envelope({ message: '', type: 'server_error' }) });

    expect(empty).toBeInstanceOf(ServiceUnavailableError);
    expect(empty.message).toBe('openai answered HTTP 503');
    expect(fastapi).toBeInstanceOf(NotFoundError);
    expect(fastapi.message).toBe('openai answered HTTP 404: Not Found');
    expect(bare).toBeInstanceOf(BadRequestError);
    expect(bare.message).toBe('openai answered HTTP 400: top_n must be positive');
    expect(emptyMessage.message).toContain('openai answered HTTP 500');
    expect(emptyMessage.type).toBe('server_error');
  });

  it('keeps at most 4 KiB of the body', () => {
    const body = envelope({ message: 'too long', padding: 'y'.repeat(10_000) });

    const error = classify({ status: 400, body });

    expect(error.body).toBe(body.slice(0, 4096));
    expect(error.message).toBe('too long');
  });
});

describe('statusOfErrorFrame', () => {
  it.each([
    ['{"error":{"message":"slow down","type":"requests","code":"rate_limit_exceeded"}}', 429],
    ['{"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}', 400],
    ['{"error":{"message":"x","type":"server_error","code":null}}', 500],
    ['{"error":{"message":"x","code":503}}', 503],
    ['{"error":{"message":"x"}}', 500],
    ['not json', 500],
  ])('infers the status of %s as %i', (frame, status) => {
    expect(statusOfErrorFrame(frame)).toBe(status);
  });
});
