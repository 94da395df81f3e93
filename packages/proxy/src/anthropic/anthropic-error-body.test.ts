import { NotFoundError, RateLimitError, ServiceUnavailableError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { anthropicErrorType, renderAnthropicError } from './anthropic-error-body.js';

describe('renderAnthropicError', () => {
  it("renders Anthropic's envelope with the status and retry-after", () => {
    const rendered = renderAnthropicError(new RateLimitError({ message: 'slow down', retryAfterMs: 1500 }), {
      requestId: 'req_1',
    });
    expect(rendered).toEqual({
      status: 429,
      body: { type: 'error', error: { type: 'rate_limit_error', message: 'slow down' }, request_id: 'req_1' },
      headers: { 'retry-after': '2' },
    });
  });

  it('answers an upstream 529 with 529 overloaded_error, a 503 with 503', () => {
    const from529 = renderAnthropicError(
      new ServiceUnavailableError({ message: 'Overloaded', upstreamStatus: 529 }),
    );
    expect(from529.status).toBe(529);
    expect(from529.body.error.type).toBe('overloaded_error');
    const from503 = renderAnthropicError(
      new ServiceUnavailableError({ message: 'down', upstreamStatus: 503 }),
    );
    expect(from503.status).toBe(503);
    expect(from503.body.error.type).toBe('overloaded_error');
  });

  it('hides unknown errors and secrets', () => {
    expect(renderAnthropicError(new Error('db password is hunter2')).body.error).toEqual({
      type: 'api_error',
      message: 'Internal server error',
    });
    const rendered = renderAnthropicError(new NotFoundError({ message: 'no model for sk-secret-123' }), {
      secrets: ['sk-secret-123'],
    });
    expect(rendered.body.error.type).toBe('not_found_error');
    expect(rendered.body.error.message).not.toContain('sk-secret-123');
  });

  it("maps statuses to Anthropic's error types", () => {
    expect([400, 401, 403, 404, 409, 413, 429, 500, 502, 504].map(anthropicErrorType)).toEqual([
      'invalid_request_error',
      'authentication_error',
      'permission_error',
      'not_found_error',
      'invalid_request_error',
      'request_too_large',
      'rate_limit_error',
      'api_error',
      'api_error',
      'timeout_error',
    ]);
  });
});
