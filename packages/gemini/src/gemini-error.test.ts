import {
  AuthenticationError,
  BadRequestError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/load-fixture.js';
import { geminiError, promptBlockedError } from './gemini-error.js';

const key = 'AIzaSyDq3NzXTestKey0123456789abcdefghij';
const fromFixture = (status: number, name: string, headers: Record<string, string> = {}) =>
  geminiError({
    provider: 'gemini',
    model: 'gemini-2.0-flash',
    status,
    headers,
    body: loadFixture(name),
    secrets: [key],
  });

describe('geminiError', () => {
  it.each([
    [400, 'error-400-invalid-argument.json', BadRequestError, false],
    [403, 'error-403-permission-denied.json', PermissionDeniedError, false],
    [401, 'error-401-unauthenticated.json', AuthenticationError, false],
    [404, 'error-404-not-found.json', NotFoundError, false],
    [503, 'error-503-unavailable.json', ServiceUnavailableError, true],
  ])('maps %i to its class, keeping Google’s message', (status, name, type, retryable) => {
    const error = fromFixture(status, name);

    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      upstreamStatus: status,
      retryable,
      provider: 'gemini',
      model: 'gemini-2.0-flash',
    });
    expect(error.message).toBe(
      (JSON.parse(loadFixture(name)) as { error: { message: string } }).error.message,
    );
  });

  it('maps a rejected API key (a 400 API_KEY_INVALID) to AuthenticationError', () => {
    const error = fromFixture(400, 'error-400-api-key-invalid.json');

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ status: 401, upstreamStatus: 400, retryable: false });
  });

  it('maps token-limit messages to ContextWindowExceededError', () => {
    const error = fromFixture(400, 'error-400-context-length.json');

    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error.code).toBe('context_length_exceeded');
  });

  it('reads RetryInfo into retryAfterMs, a retry-after header winning', () => {
    expect(fromFixture(429, 'error-429-resource-exhausted.json')).toMatchObject({
      retryAfterMs: 37_000,
      retryable: true,
    });
    expect(fromFixture(429, 'error-429-resource-exhausted.json')).toBeInstanceOf(RateLimitError);
    expect(fromFixture(429, 'error-429-resource-exhausted.json', { 'retry-after': '3' }).retryAfterMs).toBe(
      3000,
    );
  });

  it('reads the status of an error event inside a stream from its code or status name, arrays too', () => {
    const inStream = (body: unknown) =>
      geminiError({
        provider: 'gemini',
        model: 'm',
        status: 0,
        headers: {},
        body: JSON.stringify(body),
        secrets: [],
      });

    expect(inStream({ error: { code: 429, message: 'slow', status: 'RESOURCE_EXHAUSTED' } })).toBeInstanceOf(
      RateLimitError,
    );
    expect(inStream([{ error: { message: 'busy', status: 'UNAVAILABLE' } }])).toBeInstanceOf(
      ServiceUnavailableError,
    );
    expect(inStream({ error: { message: 'boom' } })).toBeInstanceOf(InternalServerError);
  });

  it('never keeps the key, even when the upstream echoes it', () => {
    const error = geminiError({
      provider: 'gemini',
      model: 'm',
      status: 400,
      headers: {},
      body: JSON.stringify({
        error: { code: 400, message: `Key ${key} is bad`, status: 'INVALID_ARGUMENT' },
      }),
      secrets: [key],
    });

    expect(JSON.stringify({ message: error.message, body: error.body })).not.toContain(key);
    expect(error.message).toBe('Key [REDACTED] is bad');
  });

  it('falls back to the status and body for a non-Google error body', () => {
    const error = geminiError({
      provider: 'gemini',
      model: 'm',
      status: 502,
      headers: {},
      body: '<html>Bad Gateway</html>',
      secrets: [],
    });

    expect(error.message).toBe('gemini answered HTTP 502: <html>Bad Gateway</html>');
    expect(error.retryable).toBe(true);
  });
});

describe('promptBlockedError', () => {
  it('is a content policy violation naming the reason, or nothing without one', () => {
    expect(
      promptBlockedError({ blockReason: 'SAFETY', blockReasonMessage: 'Unsafe.' }, 'gemini', 'm')?.message,
    ).toBe('gemini blocked the prompt (SAFETY): Unsafe.');
    expect(promptBlockedError({ safetyRatings: [] }, 'gemini', 'm')).toBeUndefined();
  });
});
