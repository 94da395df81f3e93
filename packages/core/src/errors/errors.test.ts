import { describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from './error-classes.js';
import { errorFromStatus, parseRetryAfter } from './error-from-status.js';
import { SwitchyardError } from './switchyard-error.js';

describe('error classes', () => {
  it('carry OpenAI status, type and retryability', () => {
    const cases: Array<[SwitchyardError, number, string, boolean]> = [
      [new BadRequestError({ message: 'x' }), 400, 'invalid_request_error', false],
      [new ContextWindowExceededError({ message: 'x' }), 400, 'invalid_request_error', false],
      [new AuthenticationError({ message: 'x' }), 401, 'authentication_error', false],
      [new NotFoundError({ message: 'x' }), 404, 'invalid_request_error', false],
      [new TimeoutError({ message: 'x' }), 408, 'timeout_error', true],
      [new RateLimitError({ message: 'x' }), 429, 'rate_limit_error', true],
      [new InternalServerError({ message: 'x' }), 500, 'server_error', true],
      [new BadGatewayError({ message: 'x' }), 502, 'server_error', true],
      [new ServiceUnavailableError({ message: 'x' }), 503, 'server_error', true],
    ];
    for (const [error, status, type, retryable] of cases) {
      expect([error.status, error.type, error.retryable]).toEqual([status, type, retryable]);
      expect(error).toBeInstanceOf(SwitchyardError);
      expect(error).toBeInstanceOf(Error);
    }
    expect(new ContextWindowExceededError({ message: 'x' }).code).toBe('context_length_exceeded');
    expect(new RateLimitError({ message: 'x' }).name).toBe('RateLimitError');
  });

  it('are recognised across package copies through the Symbol.for marker', () => {
    const foreign = Object.create(Error.prototype) as Record<symbol, unknown>;
    foreign[Symbol.for('switchyard.error')] = true;
    expect(SwitchyardError.isInstance(foreign)).toBe(true);
    expect(SwitchyardError.isInstance(new Error('plain'))).toBe(false);
    expect(SwitchyardError.isInstance(null)).toBe(false);
  });
});

describe('errorFromStatus', () => {
  it.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [404, NotFoundError],
    [408, TimeoutError],
    [429, RateLimitError],
    [500, InternalServerError],
    [502, BadGatewayError],
    [503, ServiceUnavailableError],
    [529, ServiceUnavailableError],
  ])('maps %i to its class', (status, type) => {
    const error = errorFromStatus({ status, message: 'm', provider: 'p', model: 'x' });
    expect(error).toBeInstanceOf(type);
    expect(error.upstreamStatus).toBe(status);
    expect(error.provider).toBe('p');
  });

  it('lets the upstream code pick context-window and content-policy classes', () => {
    expect(errorFromStatus({ status: 400, message: 'm', code: 'context_length_exceeded' })).toBeInstanceOf(
      ContextWindowExceededError,
    );
    expect(errorFromStatus({ status: 400, message: 'm', code: 'content_policy_violation' })).toBeInstanceOf(
      ContentPolicyViolationError,
    );
  });

  it('keeps the upstream type and code, and an explicit retryable wins', () => {
    const error = errorFromStatus({
      status: 429,
      message: 'm',
      type: 'tokens',
      code: 'rate_limit_exceeded',
      retryable: false,
    });
    expect([error.type, error.code, error.retryable]).toEqual(['tokens', 'rate_limit_exceeded', false]);
  });

  it('treats unknown 4xx as not retryable', () => {
    expect(errorFromStatus({ status: 418, message: 'teapot' }).retryable).toBe(false);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  it('reads retry-after-ms, seconds and HTTP dates', () => {
    expect(parseRetryAfter({ 'retry-after-ms': '1500' }, now)).toBe(1500);
    expect(parseRetryAfter({ 'retry-after': '7' }, now)).toBe(7000);
    expect(parseRetryAfter({ 'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT' }, now)).toBe(30_000);
    expect(parseRetryAfter({ 'retry-after-ms': '250', 'retry-after': '9' }, now)).toBe(250);
  });
  it('ignores absent, negative, absurd and garbage values', () => {
    expect(parseRetryAfter({}, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '-3' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': '999999' }, now)).toBeUndefined();
    expect(parseRetryAfter({ 'retry-after': 'soon' }, now)).toBeUndefined();
  });
});
