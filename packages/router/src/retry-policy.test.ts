import {
  APIConnectionError,
  AuthenticationError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  TimeoutError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { countsTowardsCooldown, policyErrorClass, warrantsFallback } from './error-class.js';
import { allowedFailsFor, retriesAllowed } from './retry-policy.js';

const error = {
  badRequest: new BadRequestError({ message: 'bad' }),
  auth: new AuthenticationError({ message: 'key' }),
  timeout: new TimeoutError({ message: 'slow' }),
  rateLimit: new RateLimitError({ message: 'busy' }),
  policy: new ContentPolicyViolationError({ message: 'no' }),
  context: new ContextWindowExceededError({ message: 'long' }),
  server: new InternalServerError({ message: 'boom' }),
  connection: new APIConnectionError({ message: 'refused' }),
  notFound: new NotFoundError({ message: 'gone', upstreamStatus: 404 }),
};

describe('retry policy', () => {
  it('retries only retryable errors by default', () => {
    expect(retriesAllowed(error.server, 2, undefined)).toBe(2);
    expect(retriesAllowed(error.rateLimit, 2, undefined)).toBe(2);
    expect(retriesAllowed(error.timeout, 2, undefined)).toBe(2);
    expect(retriesAllowed(error.connection, 2, undefined)).toBe(2);
    expect(retriesAllowed(error.badRequest, 2, undefined)).toBe(0);
    expect(retriesAllowed(error.auth, 2, undefined)).toBe(0);
    expect(retriesAllowed(error.context, 2, undefined)).toBe(0);
  });

  it('takes the count for the error class from retry_policy, even for errors that are not retryable', () => {
    const policy = { AuthenticationErrorRetries: 1, RateLimitErrorRetries: 5, InternalServerErrorRetries: 0 };
    expect(retriesAllowed(error.auth, 2, policy)).toBe(1);
    expect(retriesAllowed(error.rateLimit, 2, policy)).toBe(5);
    expect(retriesAllowed(error.server, 2, policy)).toBe(0);
    expect(retriesAllowed(error.timeout, 2, policy)).toBe(2);
    expect(retriesAllowed(error.context, 2, { BadRequestErrorRetries: 1 })).toBe(1);
    expect(retriesAllowed(error.policy, 2, { ContentPolicyViolationErrorRetries: 3 })).toBe(3);
  });

  it('takes allowed fails per error class from allowed_fails_policy', () => {
    const policy = { RateLimitErrorAllowedFails: 10, TimeoutErrorAllowedFails: 0 };
    expect(allowedFailsFor(error.rateLimit, 3, policy)).toBe(10);
    expect(allowedFailsFor(error.timeout, 3, policy)).toBe(0);
    expect(allowedFailsFor(error.server, 3, policy)).toBe(3);
  });

  it('classes errors the way litellm names them', () => {
    expect(policyErrorClass(error.policy)).toBe('ContentPolicyViolationError');
    expect(policyErrorClass(error.context)).toBe('BadRequestError');
    expect(policyErrorClass(error.connection)).toBe('InternalServerError');
    expect(policyErrorClass(new Error('bug'))).toBe('InternalServerError');
    expect(policyErrorClass(error.notFound)).toBeUndefined();
  });

  it('counts 429, 408 and 5xx towards cooldown, not other 4xx', () => {
    expect(
      [error.rateLimit, error.timeout, error.server, error.connection].map(countsTowardsCooldown),
    ).toEqual([true, true, true, true]);
    expect([error.badRequest, error.auth, error.context, error.policy].map(countsTowardsCooldown)).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('falls back on what another group can help with, not on the request being wrong', () => {
    expect(warrantsFallback(error.server)).toBe(true);
    expect(warrantsFallback(error.auth)).toBe(true);
    expect(warrantsFallback(error.notFound)).toBe(true);
    expect(warrantsFallback(error.context)).toBe(true);
    expect(warrantsFallback(error.badRequest)).toBe(false);
    expect(warrantsFallback(new NotFoundError({ message: 'unknown model' }))).toBe(false);
  });
});
