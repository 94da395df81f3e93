import {
  AuthenticationError,
  BadRequestError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/load-fixture.js';
import { type AnthropicErrorContext, anthropicError, statusOfAnthropicError } from './anthropic-error.js';

const base: AnthropicErrorContext = {
  provider: 'anthropic',
  model: 'claude-sonnet-4-5',
  status: 400,
  headers: {},
  body: '',
  secrets: [],
};

const envelope = (type: string, message: string) =>
  JSON.stringify({ type: 'error', error: { type, message } });

describe('anthropicError', () => {
  it.each([
    [400, 'invalid_request_error', BadRequestError, false],
    [401, 'authentication_error', AuthenticationError, false],
    [403, 'permission_error', PermissionDeniedError, false],
    [404, 'not_found_error', NotFoundError, false],
    [413, 'request_too_large', PayloadTooLargeError, false],
    [429, 'rate_limit_error', RateLimitError, true],
    [500, 'api_error', InternalServerError, true],
    [529, 'overloaded_error', ServiceUnavailableError, true],
  ] as const)('maps %i %s to %O', (status, type, errorClass, retryable) => {
    const error = anthropicError({ ...base, status, body: envelope(type, 'Something happened') });

    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({
      retryable,
      upstreamStatus: status,
      type,
      message: 'Something happened',
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
    });
  });

  it('maps 529 overloaded to a 503, as a client sees it', () => {
    const error = anthropicError({ ...base, status: 529, body: loadFixture('error-529-overloaded.json') });

    expect(error.status).toBe(503);
    expect(error.message).toBe('Overloaded');
  });

  it('maps a 400 saying the prompt is too long to ContextWindowExceededError', () => {
    const error = anthropicError({ ...base, body: loadFixture('error-400-prompt-too-long.json') });

    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error).toMatchObject({
      code: 'context_length_exceeded',
      message: 'prompt is too long: 208656 tokens > 200000 maximum',
      retryable: false,
    });
  });

  it('maps a 400 about the input and max_tokens exceeding the context limit the same way', () => {
    const body = envelope(
      'invalid_request_error',
      'input length and `max_tokens` exceed context limit: 198000 + 8192 > 200000, decrease input length or `max_tokens` and try again',
    );

    expect(anthropicError({ ...base, body })).toBeInstanceOf(ContextWindowExceededError);
  });

  it('keeps a temperature refusal a plain BadRequestError with Anthropic’s message', () => {
    const error = anthropicError({ ...base, body: loadFixture('error-400-temperature.json') });

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).not.toBeInstanceOf(ContextWindowExceededError);
    expect(error.message).toBe('temperature: range: 0..1');
  });

  it('keeps retry-after and request-id, and lets x-should-retry decide', () => {
    const error = anthropicError({
      ...base,
      status: 429,
      body: loadFixture('error-429-rate-limit.json'),
      headers: {
        'retry-after': '7',
        'request-id': 'req_1',
        'anthropic-ratelimit-tokens-remaining': '0',
        'x-should-retry': 'false',
      },
    });

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({
      retryAfterMs: 7000,
      retryable: false,
      headers: { 'retry-after': '7', 'request-id': 'req_1', 'x-should-retry': 'false' },
    });
  });

  it('describes a body that is not Anthropic’s envelope by its status, redacting secrets', () => {
    const key = 'sk-ant-api03-secret-abcdefghijklmnop';

    const error = anthropicError({
      ...base,
      status: 502,
      body: `<html>Bad gateway for ${key}</html>`,
      secrets: [key],
    });

    expect(error.message).toMatch(/^anthropic answered HTTP 502: <html>Bad gateway for /);
    expect(JSON.stringify({ message: error.message, body: error.body })).not.toContain(key);
  });
});

describe('statusOfAnthropicError', () => {
  it.each([
    ['overloaded_error', 529],
    ['rate_limit_error', 429],
    ['api_error', 500],
    ['invalid_request_error', 400],
    ['something_new', 500],
  ])('reads %s in a stream error event as status %i', (type, status) => {
    expect(statusOfAnthropicError(envelope(type, 'x'))).toBe(status);
  });

  it('reads a frame that is not an error envelope as 500', () => {
    expect(statusOfAnthropicError('not json')).toBe(500);
  });
});
