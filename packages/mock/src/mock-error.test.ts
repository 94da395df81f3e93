import {
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  RateLimitError,
  SwitchyardError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { mockErrorFor } from './mock-error.js';

describe('mockErrorFor', () => {
  it.each([
    ['error-429', RateLimitError, 429, true],
    ['error-500', InternalServerError, 500, true],
    ['error-400', BadRequestError, 400, false],
    ['error-401', AuthenticationError, 401, false],
    ['mock/error-429', RateLimitError, 429, true],
  ] as const)('%s gives %s', (model, errorClass, status, retryable) => {
    const error = mockErrorFor(model);
    expect(error).toBeInstanceOf(errorClass);
    expect(SwitchyardError.isInstance(error)).toBe(true);
    expect(error?.status).toBe(status);
    expect(error?.upstreamStatus).toBe(status);
    expect(error?.retryable).toBe(retryable);
    expect(error?.provider).toBe('mock');
    expect(error?.message).toContain(`mock/error-${status}`);
  });

  it('leaves other models alone', () => {
    expect(mockErrorFor('demo')).toBeUndefined();
    expect(mockErrorFor('error-200')).toBeUndefined();
    expect(mockErrorFor('my-error-429-model')).toBeUndefined();
  });
});
