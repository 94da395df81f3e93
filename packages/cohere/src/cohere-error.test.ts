import {
  AuthenticationError,
  BadRequestError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  UnprocessableEntityError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/load-fixture.js';
import { cohereError, cohereGenerationError, statusOfCohereMessage } from './cohere-error.js';

const key = 'co-secret-Zx9Cv8Bn7Mq6';
const classify = (status: number, body: string, headers: Record<string, string> = {}) =>
  cohereError({ provider: 'cohere', model: 'command-a-03-2025', status, headers, body, secrets: [key] });

describe('cohereError', () => {
  it('keeps Cohere’s message and status', () => {
    const error = classify(401, loadFixture('error-401-invalid-api-token.json'));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({
      message: 'invalid api token',
      upstreamStatus: 401,
      provider: 'cohere',
      retryable: false,
    });
  });

  it.each([
    [400, BadRequestError, false],
    [403, PermissionDeniedError, false],
    [404, NotFoundError, false],
    [422, UnprocessableEntityError, false],
    [429, RateLimitError, true],
    [500, InternalServerError, true],
    [503, ServiceUnavailableError, true],
  ])('maps %i to its class', (status, type, retryable) => {
    const error = classify(status, '{"id":"t","message":"something"}');

    expect(error).toBeInstanceOf(type);
    expect(error.retryable).toBe(retryable);
    expect(error.upstreamStatus).toBe(status);
  });

  it('reads 498 as an invalid key and 499 as a retryable upstream failure', () => {
    expect(classify(498, '{"message":"invalid api token"}')).toBeInstanceOf(AuthenticationError);
    const cancelled = classify(499, '{"message":"request cancelled"}');
    expect(cancelled).toBeInstanceOf(InternalServerError);
    expect(cancelled).toMatchObject({ retryable: true, upstreamStatus: 499 });
  });

  it('recognises context-window and safety messages', () => {
    const tooLong = classify(400, loadFixture('error-400-too-many-tokens.json'));
    const blocked = classify(400, '{"message":"blocked input: please adjust your prompt and try again"}');

    expect(tooLong).toBeInstanceOf(ContextWindowExceededError);
    expect(tooLong.code).toBe('context_length_exceeded');
    expect(tooLong.message).toContain('size limit exceeded');
    expect(blocked).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('honours retry-after and keeps the trace id', () => {
    const error = classify(429, loadFixture('error-429-trial-key.json'), {
      'retry-after': '12',
      'x-debug-trace-id': 'abc123',
      'set-cookie': 'session=1',
    });

    expect(error.retryAfterMs).toBe(12_000);
    expect(error.headers).toEqual({ 'retry-after': '12', 'x-debug-trace-id': 'abc123' });
    expect(error.message).toContain('Trial key');
  });

  it('describes bodies that are not Cohere’s, and never keeps the key', () => {
    const error = classify(502, `<html>bad gateway for ${key}</html>`);

    expect(error.message).toContain('cohere answered HTTP 502');
    expect(JSON.stringify({ message: error.message, body: error.body })).not.toContain(key);
    expect(classify(500, `{"message":"failed for key ${key}"}`).message).not.toContain(key);
  });
});

describe('statusOfCohereMessage', () => {
  it.each([
    ['too many tokens: size limit exceeded by 12 tokens', 400],
    ['blocked output: please adjust your prompt', 400],
    ['You are using a Trial key, which is limited to 20 API calls / minute', 429],
    ['invalid api token', 401],
    ["model 'x' not found", 404],
    ['service unavailable: the model is overloaded', 503],
    ['something broke', 500],
  ])('reads %j as %i', (message, status) => {
    expect(statusOfCohereMessage(message)).toBe(status);
  });
});

describe('cohereGenerationError', () => {
  it('is a retryable server error for ERROR and a timeout for TIMEOUT', () => {
    const failed = cohereGenerationError({ provider: 'cohere', model: 'm', reason: 'ERROR' });
    const late = cohereGenerationError({ provider: 'cohere', model: 'm', reason: 'TIMEOUT' });

    expect(failed).toBeInstanceOf(InternalServerError);
    expect(failed).toMatchObject({ retryable: true, code: 'upstream_generation_error' });
    expect(late.code).toBe('upstream_generation_timeout');
    expect(late.retryable).toBe(true);
  });
});
