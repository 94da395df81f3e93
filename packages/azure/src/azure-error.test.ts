import {
  AuthenticationError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
  ServiceUnavailableError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/load-fixture.js';
import { azureError, statusOfAzureErrorFrame } from './azure-error.js';

const context = (status: number, body: string, headers: Record<string, string> = {}) => ({
  provider: 'azure',
  model: 'my-deployment',
  status,
  headers,
  body,
  secrets: ['azure-secret-key-123'],
});

describe('azureError', () => {
  it('maps the content filter 400 (innererror ResponsibleAIPolicyViolation) to ContentPolicyViolationError', () => {
    const error = azureError(context(400, loadFixture('error-400-content-filter.json')));

    expect(error).toBeInstanceOf(ContentPolicyViolationError);
    expect(error).toMatchObject({
      code: 'content_filter',
      param: 'prompt',
      retryable: false,
      upstreamStatus: 400,
    });
    expect(error.message).toContain("triggering Azure OpenAI's content management policy");
    expect(error.body).toContain('ResponsibleAIPolicyViolation');
  });

  it('treats a ResponsibleAIPolicyViolation under another outer code as a policy violation too', () => {
    const body = JSON.stringify({
      error: { code: '400', message: 'filtered', innererror: { code: 'ResponsibleAIPolicyViolation' } },
    });

    expect(azureError(context(400, body))).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('maps context_length_exceeded, and a context-window message without the code', () => {
    const coded = azureError(context(400, loadFixture('error-400-context-length-exceeded.json')));
    const uncoded = azureError(
      context(
        400,
        JSON.stringify({
          error: { message: "This model's maximum context length is 8192 tokens.", code: null },
        }),
      ),
    );

    expect(coded).toBeInstanceOf(ContextWindowExceededError);
    expect(coded.param).toBe('messages');
    expect(uncoded).toBeInstanceOf(ContextWindowExceededError);
    expect(uncoded.code).toBe('context_length_exceeded');
  });

  it('maps the gateway’s 429 with retry-after-ms, using the class code instead of the echoed "429"', () => {
    const error = azureError(
      context(429, loadFixture('error-429-rate-limit.json'), {
        'retry-after': '6',
        'retry-after-ms': '5800',
      }),
    );

    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ code: 'rate_limit_exceeded', retryable: true, retryAfterMs: 5800 });
    expect(error.headers).toMatchObject({ 'retry-after': '6', 'retry-after-ms': '5800' });
    expect(error.message).toContain('exceeded token rate limit');
  });

  it('maps the gateway’s 401 to AuthenticationError with its own code', () => {
    const error = azureError(context(401, loadFixture('error-401-access-denied.json')));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.code).toBe('invalid_api_key');
    expect(error.message).toMatch(/^Access denied due to invalid subscription key/);
  });

  it('keeps Azure’s descriptive codes (DeploymentNotFound)', () => {
    const error = azureError(context(404, loadFixture('error-404-deployment-not-found.json')));

    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.code).toBe('DeploymentNotFound');
  });

  it('honours x-should-retry when reclassifying', () => {
    const body = JSON.stringify({ error: { code: '503', message: 'busy' } });

    expect(azureError(context(503, body))).toBeInstanceOf(ServiceUnavailableError);
    expect(azureError(context(503, body, { 'x-should-retry': 'false' })).retryable).toBe(false);
  });

  it('redacts the key from messages and bodies', () => {
    const body = JSON.stringify({ error: { code: '401', message: 'key azure-secret-key-123 is not valid' } });

    const error = azureError(context(401, body));

    expect(error.message).toBe('key [REDACTED] is not valid');
    expect(error.body).not.toContain('azure-secret-key-123');
  });

  it('describes a body that is not JSON', () => {
    const error = azureError(context(502, '<html>Bad Gateway</html>'));

    expect(error.message).toContain('azure answered HTTP 502');
  });
});

describe('statusOfAzureErrorFrame', () => {
  it('reads the status Azure echoes as the code, then known codes and types', () => {
    expect(statusOfAzureErrorFrame('{"error":{"code":"429","message":"slow down"}}')).toBe(429);
    expect(statusOfAzureErrorFrame('{"error":{"code":"content_filter","message":"x"}}')).toBe(400);
    expect(statusOfAzureErrorFrame('{"error":{"type":"server_error","message":"x"}}')).toBe(500);
    expect(statusOfAzureErrorFrame('{"error":{"code":"Unknown"}}')).toBe(500);
  });

  it('lets a mid-stream filter error become a ContentPolicyViolationError', () => {
    const frame = '{"error":{"code":"content_filter","message":"filtered","status":400}}';

    const error = azureError(context(statusOfAzureErrorFrame(frame), frame));

    expect(error).toBeInstanceOf(ContentPolicyViolationError);
    expect(azureError(context(500, '{"error":{"message":"boom"}}'))).toBeInstanceOf(InternalServerError);
  });
});
