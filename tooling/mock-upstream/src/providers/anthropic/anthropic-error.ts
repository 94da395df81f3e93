import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

/** Anthropic's error envelope, as the API sends it (and as a stream's `event: error` carries it). */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: string; message: string };
}

// https://docs.claude.com/en/api/errors: one error type per status; 529 is Anthropic's "overloaded".
const typeByStatus: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  529: 'overloaded_error',
};

/** The error type Anthropic uses for a status (`invalid_request_error` for other 4xx, `api_error` for 5xx). */
export function anthropicErrorType(status: number): string {
  return typeByStatus[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

export function anthropicError(
  status: number,
  message: string,
  type: string = anthropicErrorType(status),
): ErrorReply & { body: AnthropicErrorBody } {
  return { status, body: { type: 'error', error: { type, message } } };
}

/** The body Anthropic sends for a status, used when a rule scripts a status without a body. */
export function defaultAnthropicErrorBody(context: ErrorBodyContext): AnthropicErrorBody {
  const model = context.model ?? 'claude-sonnet-4-5';
  switch (context.status) {
    case 400:
      return anthropicError(400, 'Invalid request: the mock upstream was scripted to reject it with a 400.')
        .body;
    case 401:
      return anthropicError(401, 'invalid x-api-key').body;
    case 402:
      return anthropicError(
        402,
        'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
      ).body;
    case 403:
      return anthropicError(403, 'Your API key does not have permission to use the specified resource.').body;
    case 404:
      return anthropicError(404, `model: ${model}`).body;
    case 413:
      return anthropicError(413, 'Request exceeds the maximum allowed number of bytes.').body;
    case 429:
      return anthropicError(
        429,
        `This request would exceed the rate limit for your organization of 50 requests per minute (model ${model}). Please reduce the request rate or try again later.`,
      ).body;
    case 500:
      return anthropicError(500, 'Internal server error').body;
    case 529:
      return anthropicError(529, 'Overloaded').body;
    default:
      return anthropicError(
        context.status,
        `The mock upstream was scripted to fail with status ${context.status}.`,
      ).body;
  }
}

export function anthropicInvalidJson(): ErrorReply {
  return anthropicError(400, 'The request body is not valid JSON.');
}

export function anthropicRouteNotFound(method: string, path: string): ErrorReply {
  return anthropicError(404, `Not Found: ${method} ${path}`);
}
