import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  InternalServerError,
  NotFoundError,
  PayloadTooLargeError,
  PermissionDeniedError,
  RateLimitError,
  ServiceUnavailableError,
  TimeoutError,
  UnprocessableEntityError,
} from './error-classes.js';
import type { SwitchyardError, SwitchyardErrorOptions } from './switchyard-error.js';

export interface UpstreamErrorInfo extends Omit<SwitchyardErrorOptions, 'status' | 'upstreamStatus'> {
  status: number;
}

const contextCodes = new Set(['context_length_exceeded', 'string_above_max_length']);
const policyCodes = new Set(['content_policy_violation', 'content_filter']);

/**
 * Classifies an upstream failure into the core error class for its status and code. The upstream's
 * own type and code are kept when it gave them; retryability follows openai-node's habits
 * (408, 409, 429 and 5xx retry).
 */
export function errorFromStatus(info: UpstreamErrorInfo): SwitchyardError {
  const { status, ...rest } = info;
  const options = { ...rest, upstreamStatus: status };
  if (options.type === undefined) delete options.type;
  if (options.code === undefined || options.code === null) delete options.code;
  const code = info.code ?? '';
  if (contextCodes.has(code)) return new ContextWindowExceededError(options);
  if (policyCodes.has(code)) return new ContentPolicyViolationError(options);
  switch (status) {
    case 400:
      return new BadRequestError(options);
    case 401:
      return new AuthenticationError(options);
    case 403:
      return new PermissionDeniedError(options);
    case 404:
      return new NotFoundError(options);
    case 408:
      return new TimeoutError(options);
    case 409:
      return new ConflictError(options);
    case 413:
      return new PayloadTooLargeError(options);
    case 422:
      return new UnprocessableEntityError(options);
    case 429:
      return new RateLimitError(options);
    case 502:
    case 504:
      return new BadGatewayError(options);
    case 503:
    case 529:
      return new ServiceUnavailableError(options);
    default:
      if (status >= 500) return new InternalServerError(options);
      return new BadRequestError({ ...options, retryable: false });
  }
}

/**
 * Reads `retry-after-ms` and `retry-after` (seconds or an HTTP date) into milliseconds.
 * Values that are absent, negative or absurd (over a day) are ignored.
 */
export function parseRetryAfter(
  headers: Record<string, string | string[] | undefined>,
  now: number = Date.now(),
): number | undefined {
  const ms = first(headers['retry-after-ms']);
  if (ms !== undefined) {
    const value = Number.parseFloat(ms);
    if (Number.isFinite(value) && value >= 0 && value < 86_400_000) return Math.round(value);
  }
  const after = first(headers['retry-after']);
  if (after === undefined) return undefined;
  const seconds = Number(after);
  if (after.trim() !== '' && Number.isFinite(seconds)) {
    return seconds >= 0 && seconds < 86_400 ? Math.round(seconds * 1000) : undefined;
  }
  const date = Date.parse(after);
  if (Number.isNaN(date)) return undefined;
  const delta = date - now;
  return delta >= 0 && delta < 86_400_000 ? delta : 0;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
