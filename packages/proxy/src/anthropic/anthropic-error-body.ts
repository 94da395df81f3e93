import { redactSecrets, SwitchyardError } from '@switchyard/core';

/** Anthropic's error envelope, as an HTTP body or the payload of an `event: error`. */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
  request_id?: string;
}

export interface RenderedAnthropicError {
  status: number;
  body: AnthropicErrorBody;
  headers: Record<string, string>;
}

/**
 * Anthropic's error type for a status (https://docs.claude.com/en/api/errors): 400 invalid request,
 * 401 authentication, 402 billing, 403 permission, 404 not found, 413 request too large, 429 rate
 * limit, 503 and 529 overloaded, 504 (and our 408) timeout, other 4xx invalid request, other 5xx api_error.
 */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 401:
      return 'authentication_error';
    case 402:
      return 'billing_error';
    case 403:
      return 'permission_error';
    case 404:
      return 'not_found_error';
    case 413:
      return 'request_too_large';
    case 429:
      return 'rate_limit_error';
    case 503:
    case 529:
      return 'overloaded_error';
    case 408:
    case 504:
      return 'timeout_error';
    default:
      return status >= 500 ? 'api_error' : 'invalid_request_error';
  }
}

/**
 * Renders an error in Anthropic's shape. An overloaded upstream that said 529 is answered with 529,
 * as Anthropic does; unknown (non-Switchyard) errors are a 500 with a generic message, their text
 * only logged. A message names the field at fault when there is one.
 */
export function renderAnthropicError(
  error: unknown,
  options: { secrets?: ReadonlyArray<string | undefined>; requestId?: string } = {},
): RenderedAnthropicError {
  const withId = (body: AnthropicErrorBody): AnthropicErrorBody =>
    options.requestId ? { ...body, request_id: options.requestId } : body;
  if (!SwitchyardError.isInstance(error)) {
    return {
      status: 500,
      body: withId({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }),
      headers: {},
    };
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  const base = error.status >= 400 && error.status <= 599 ? error.status : 500;
  const status = base === 503 && error.upstreamStatus === 529 ? 529 : base;
  return {
    status,
    body: withId({
      type: 'error',
      error: {
        type: anthropicErrorType(status),
        message: redactSecrets(error.message, options.secrets ?? []),
      },
    }),
    headers,
  };
}
