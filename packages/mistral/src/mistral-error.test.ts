import {
  AuthenticationError,
  BadRequestError,
  ContextWindowExceededError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/load-fixture.js';
import { mistralError, statusOfMistralErrorFrame } from './mistral-error.js';

const key = 'mistral-secret-key-abcdef123456';

function errorOf(status: number, body: string, headers: Record<string, string> = {}) {
  return mistralError({
    provider: 'mistral',
    model: 'mistral-small-latest',
    status,
    headers,
    body,
    secrets: [key],
  });
}

describe('mistralError', () => {
  it('maps a prompt over the context window to ContextWindowExceededError, keeping Mistral’s message', () => {
    const error = errorOf(400, loadFixture('error-400-context-length.json'));

    expect(error).toBeInstanceOf(ContextWindowExceededError);
    expect(error.code).toBe('context_length_exceeded');
    expect(error.message).toContain('too large for model with 131072 maximum context length');
    expect(error.upstreamStatus).toBe(400);
  });

  it('maps an unknown model to NotFoundError', () => {
    const error = errorOf(400, loadFixture('error-400-invalid-model.json'));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({
      code: 'model_not_found',
      upstreamStatus: 400,
      message: 'Invalid model: mistral-huge-latest',
    });
  });

  it('keeps Mistral’s type and code on other 400s', () => {
    const error = errorOf(400, loadFixture('error-400-message-order.json'));

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ type: 'invalid_request_message_order', code: '3230', retryable: false });
  });

  it('reads a 422 validation error into one message naming the field, as param', () => {
    const wrapped = errorOf(422, loadFixture('error-422-extra-forbidden.json'));
    const bare = errorOf(422, loadFixture('error-422-detail-list.json'));

    expect(wrapped).toBeInstanceOf(UnprocessableEntityError);
    expect(wrapped.message).toBe('Extra inputs are not permitted: max_completion_tokens');
    expect(wrapped.param).toBe('max_completion_tokens');
    expect(bare.message).toBe('Extra inputs are not permitted: messages.2.assistant.reasoning_content');
  });

  it('maps the gateway’s 401 and 429 bodies, honouring retry-after', () => {
    expect(errorOf(401, loadFixture('error-401-unauthorized.json'))).toBeInstanceOf(AuthenticationError);
    const limited = errorOf(429, loadFixture('error-429-rate-limit.json'), { 'retry-after': '3' });

    expect(limited).toBeInstanceOf(RateLimitError);
    expect(limited).toMatchObject({
      message: 'Requests rate limit exceeded',
      retryable: true,
      retryAfterMs: 3000,
    });
    expect(errorOf(429, loadFixture('error-429-capacity.json'))).toBeInstanceOf(RateLimitError);
  });

  it('maps an overloaded 503 to a retryable ServiceUnavailableError', () => {
    const error = errorOf(
      503,
      '{"object":"error","message":"Service unavailable","type":"service_unavailable","param":null,"code":"1000"}',
    );

    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error.retryable).toBe(true);
  });

  it('classifies an OpenAI-shaped body (a proxy or an Azure deployment) as OpenAI’s', () => {
    const error = errorOf(
      400,
      '{"error":{"message":"too long","type":"invalid_request_error","code":"context_length_exceeded"}}',
    );

    expect(error).toBeInstanceOf(ContextWindowExceededError);
  });

  it('keeps a body it cannot read, and never a secret', () => {
    const error = errorOf(502, `<html>bad gateway for ${key}</html>`);

    expect(error.message).toContain('mistral answered HTTP 502');
    expect(JSON.stringify({ message: error.message, body: error.body })).not.toContain(key);
  });
});

describe('statusOfMistralErrorFrame', () => {
  it('reads raw_status_code, else infers the status from the error type', () => {
    expect(statusOfMistralErrorFrame('{"object":"error","message":"x","raw_status_code":429}')).toBe(429);
    expect(
      statusOfMistralErrorFrame(
        '{"object":"error","message":"x","type":"service_unavailable","code":"1000"}',
      ),
    ).toBe(503);
    expect(statusOfMistralErrorFrame('{"error":{"message":"x","code":"rate_limit_exceeded"}}')).toBe(429);
    expect(statusOfMistralErrorFrame('not json')).toBe(500);
  });
});
