import { SwitchyardError, type SwitchyardErrorOptions } from './switchyard-error.js';

type Options = Omit<SwitchyardErrorOptions, 'status'>;

function define(status: number, type: string, retryable: boolean, code: string | null = null) {
  return class extends SwitchyardError {
    constructor(options: Options) {
      super({ type, code, retryable, ...options, status });
    }
  };
}

/** 400: the request is malformed or asks for something the model cannot do. */
export class BadRequestError extends define(400, 'invalid_request_error', false) {}
/** 400: the prompt (plus max tokens) does not fit the model's context window. */
export class ContextWindowExceededError extends define(
  400,
  'invalid_request_error',
  false,
  'context_length_exceeded',
) {}
/** 400: the provider refused the content. */
export class ContentPolicyViolationError extends define(
  400,
  'invalid_request_error',
  false,
  'content_policy_violation',
) {}
/** 401: missing or wrong credentials (ours or the upstream's). */
export class AuthenticationError extends define(401, 'authentication_error', false, 'invalid_api_key') {}
/** 403: the credentials are valid but not allowed to do this. */
export class PermissionDeniedError extends define(403, 'permission_error', false) {}
/** 404: unknown model, route or resource. */
export class NotFoundError extends define(404, 'invalid_request_error', false) {}
/** 408: a deadline passed (connect, first byte or total). */
export class TimeoutError extends define(408, 'timeout_error', true, 'timeout') {}
/** 409: a conflicting concurrent change upstream. */
export class ConflictError extends define(409, 'invalid_request_error', true) {}
/** 413: the request body is larger than allowed. */
export class PayloadTooLargeError extends define(413, 'invalid_request_error', false, 'request_too_large') {}
/** 422: well-formed but semantically invalid. */
export class UnprocessableEntityError extends define(422, 'invalid_request_error', false) {}
/** 429: a rate limit or quota was hit. */
export class RateLimitError extends define(429, 'rate_limit_error', true, 'rate_limit_exceeded') {}
/** 500: the provider (or Switchyard) failed. */
export class InternalServerError extends define(500, 'server_error', true) {}
/** 502: the upstream answered with something unusable, or could not be reached. */
export class BadGatewayError extends define(502, 'server_error', true, 'bad_gateway') {}
/** 502: the connection to the upstream failed (refused, reset, DNS, TLS). */
export class APIConnectionError extends define(502, 'api_connection_error', true, 'connection_error') {}
/** 503: the provider is overloaded or down. */
export class ServiceUnavailableError extends define(503, 'server_error', true, 'service_unavailable') {}
/** The caller aborted the request (client went away); never rendered, never retried. */
export class AbortedError extends define(499, 'aborted', false, 'client_closed_request') {}
