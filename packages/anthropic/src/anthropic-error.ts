import {
  errorFromStatus,
  isRecord,
  parseRetryAfter,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';

export interface AnthropicErrorContext {
  provider: string;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Secrets to scrub from anything kept (the api key). */
  secrets: ReadonlyArray<string | undefined>;
}

const keptHeaders = ['request-id', 'retry-after', 'retry-after-ms', 'x-should-retry'];
const maxBodyKept = 4096;

// Anthropic says "prompt is too long: 208656 tokens > 200000 maximum", or, when the prompt fits but
// not with max_tokens, "input length and `max_tokens` exceed context limit: …".
const contextWindowMessage = /prompt is too long|exceed(?:s)? (?:the )?context (?:limit|window)/i;

/**
 * Classifies an Anthropic error answer, `{"type":"error","error":{"type","message"}}` (or anything
 * a proxy in between sent): the status picks the core class (529 overloaded is a retryable
 * ServiceUnavailableError), a 400 about the prompt's length is a ContextWindowExceededError, and
 * Anthropic's error type is kept. `x-should-retry` overrides the status-based retry decision, as
 * Anthropic's SDKs do.
 */
export function anthropicError(context: AnthropicErrorContext): SwitchyardError {
  const error = errorObject(context.body);
  // Redact before cutting: a secret straddling a cut would otherwise survive in part.
  const body = redactSecrets(context.body, context.secrets);
  const upstreamMessage =
    typeof error?.message === 'string' && error.message !== '' ? error.message : undefined;
  const message = upstreamMessage
    ? redactSecrets(upstreamMessage, context.secrets)
    : `${context.provider} answered HTTP ${context.status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = context.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const info: Parameters<typeof errorFromStatus>[0] = {
    status: context.status,
    message,
    provider: context.provider,
    model: context.model,
    headers,
    body: body.slice(0, maxBodyKept),
  };
  if (typeof error?.type === 'string') info.type = error.type;
  if (context.status === 400 && upstreamMessage && contextWindowMessage.test(upstreamMessage)) {
    info.code = 'context_length_exceeded';
  }
  const retryAfterMs = parseRetryAfter(context.headers);
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  const shouldRetry = context.headers['x-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  return errorFromStatus(info);
}

// https://docs.claude.com/en/api/errors: the status each error type is sent with.
const statusByErrorType: Record<string, number> = {
  invalid_request_error: 400,
  authentication_error: 401,
  billing_error: 402,
  permission_error: 403,
  not_found_error: 404,
  request_too_large: 413,
  rate_limit_error: 429,
  api_error: 500,
  timeout_error: 504,
  overloaded_error: 529,
};

/**
 * The HTTP status an error would have had: an `event: error` inside a stream that already answered
 * 200 only names its type (`overloaded_error` is a 529), so a mid-stream overload is still retryable.
 */
export function statusOfAnthropicError(body: string): number {
  const type = errorObject(body)?.type;
  return (typeof type === 'string' ? statusByErrorType[type] : undefined) ?? 500;
}

function errorObject(body: string): Record<string, unknown> | undefined {
  const parsed = safeParseJson(body);
  return parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.error) ? parsed.value.error : undefined;
}
