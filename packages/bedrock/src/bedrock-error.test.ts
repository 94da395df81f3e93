import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { bedrockError, bedrockStreamException } from './bedrock-error.js';

interface RecordedError {
  status: number;
  type: string;
  message: string;
}

const recorded = loadJsonFixture<RecordedError[]>('errors.json');
const base = { provider: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0', secrets: [] };
const expected = [
  [ContextWindowExceededError, false],
  [BadRequestError, false],
  [PermissionDeniedError, false],
  [AuthenticationError, false],
  [AuthenticationError, false],
  [NotFoundError, false],
  [TimeoutError, true],
  [BadGatewayError, true],
  [RateLimitError, true],
  [ServiceUnavailableError, true],
  [RateLimitError, true],
  [InternalServerError, true],
  [ServiceUnavailableError, true],
] as const;

describe('bedrockError', () => {
  it.each(recorded.map((error, index) => [error.type, error, ...expected[index]!] as const))(
    '%s (%#) maps to its core class, keeping the message and the upstream status',
    (_type, error, errorClass, retryable) => {
      const mapped = bedrockError({
        ...base,
        status: error.status,
        headers: {
          'x-amzn-errortype': `${error.type}:http://internal.amazon.com/coral/com.amazon.bedrock/`,
          'x-amzn-requestid': 'req-1',
        },
        body: JSON.stringify({ message: error.message }),
      });

      expect(mapped).toBeInstanceOf(errorClass);
      expect(mapped).toMatchObject({
        message: error.message,
        upstreamStatus: error.status,
        retryable,
        provider: 'bedrock',
      });
      expect(mapped.headers).toMatchObject({ 'x-amzn-requestid': 'req-1' });
    },
  );

  it('recognises context-window messages in a ValidationException', () => {
    for (const message of [
      'Input is too long for requested model.',
      'prompt is too long: 215000 tokens > 200000 maximum',
      'The model returned the following errors: Input length exceeds the maximum context length',
      'too many input tokens',
    ]) {
      const error = bedrockError({
        ...base,
        status: 400,
        headers: { 'x-amzn-errortype': 'ValidationException' },
        body: JSON.stringify({ message }),
      });
      expect(error).toBeInstanceOf(ContextWindowExceededError);
      expect(error.code).toBe('context_length_exceeded');
    }
  });

  it('reads `Message`, `__type`, and falls back to the status without a type', () => {
    const typed = bedrockError({
      ...base,
      status: 400,
      headers: {},
      body: JSON.stringify({
        __type: 'com.amazon.coral.service#ThrottlingException',
        Message: 'Rate exceeded',
      }),
    });
    const untyped = bedrockError({ ...base, status: 502, headers: {}, body: '<html>Bad Gateway</html>' });

    expect(typed).toBeInstanceOf(RateLimitError);
    expect(typed.message).toBe('Rate exceeded');
    expect(untyped).toBeInstanceOf(BadGatewayError);
    expect(untyped.message).toContain('bedrock answered HTTP 502');
  });

  it('honours retry-after and redacts secrets from the message and the body', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
    const error = bedrockError({
      ...base,
      secrets: [secret],
      status: 429,
      headers: { 'x-amzn-errortype': 'ThrottlingException', 'retry-after': '3' },
      body: JSON.stringify({ message: `Slow down, key ${secret}` }),
    });

    expect(error.retryAfterMs).toBe(3000);
    expect(error.message).toBe('Slow down, key [REDACTED]');
    expect(error.body).not.toContain(secret);
  });
});

describe('bedrockStreamException', () => {
  it('maps a stream exception type (lowerCamelCase) like the HTTP error', () => {
    const error = bedrockStreamException(
      'throttlingException',
      '{"message":"Too many tokens, please wait"}',
      base,
    );

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ upstreamStatus: 429, message: 'Too many tokens, please wait' });
  });
});
