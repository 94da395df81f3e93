import {
  AuthenticationError,
  ContentPolicyViolationError,
  ContextWindowExceededError,
  errorFromStatus,
  InternalServerError,
  isRecord,
  parseRetryAfter,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
  TimeoutError,
} from '@switchyard/core';
import type { CohereFailureReason } from './map-cohere-finish-reason.js';

export interface CohereErrorContext {
  provider: string;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Secrets to scrub from anything kept (the api key). */
  secrets: ReadonlyArray<string | undefined>;
}

const keptHeaders = ['x-debug-trace-id', 'x-request-id', 'retry-after', 'retry-after-ms'];
const maxBodyKept = 4096;
// "too many tokens: size limit exceeded by …", "too many tokens: total number of tokens in the prompt cannot exceed …"
const contextWindowPattern = /^too many tokens\b/i;
// "blocked input: please adjust your prompt …", "blocked output: …"
const contentPolicyPattern = /^blocked (input|output)\b/i;

/** The `message` of Cohere's `{"id": …, "message": …}` error body, if it has one. */
function messageOf(body: string): string | undefined {
  const parsed = safeParseJson(body);
  if (!parsed.ok || !isRecord(parsed.value)) return undefined;
  const message = parsed.value.message;
  return typeof message === 'string' && message !== '' ? message : undefined;
}

/**
 * Classifies a Cohere error answer (`{"message": "…"}`, with a trace `id` on most) into a core
 * error. Beyond the usual statuses: 498 (invalid token) is an authentication failure; 499 (Cohere
 * saw the request cancelled, though our caller did not cancel it) is a retryable server-side
 * failure; "too many tokens" messages mean the context window; "blocked input/output" a safety block.
 */
export function cohereError(context: CohereErrorContext): SwitchyardError {
  const body = redactSecrets(context.body, context.secrets);
  const upstreamMessage = messageOf(context.body);
  const message = upstreamMessage
    ? redactSecrets(upstreamMessage, context.secrets)
    : `${context.provider} answered HTTP ${context.status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = context.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const retryAfterMs = parseRetryAfter(context.headers);
  const options = {
    message,
    provider: context.provider,
    model: context.model,
    upstreamStatus: context.status,
    headers,
    body: body.slice(0, maxBodyKept),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  };
  if (context.status >= 400 && context.status < 500 && upstreamMessage) {
    if (contextWindowPattern.test(upstreamMessage)) return new ContextWindowExceededError(options);
    if (contentPolicyPattern.test(upstreamMessage)) return new ContentPolicyViolationError(options);
  }
  if (context.status === 498) return new AuthenticationError(options);
  if (context.status === 499) return new InternalServerError({ ...options, retryable: true });
  const { upstreamStatus: _status, ...info } = options;
  // 501 Not Implemented will not start working on a retry.
  return errorFromStatus({
    ...info,
    status: context.status,
    ...(context.status === 501 ? { retryable: false } : {}),
  });
}

// What a message says when an error arrives inside a stream, which has no status of its own.
const statusByMessage: ReadonlyArray<readonly [RegExp, number]> = [
  [contextWindowPattern, 400],
  [contentPolicyPattern, 400],
  [/\b(trial key|rate limit|too many requests)\b/i, 429],
  [/\b(invalid api token|no api key|unauthori[sz]ed)\b/i, 401],
  [/\bnot found\b/i, 404],
  [/\b(service unavailable|overloaded)\b/i, 503],
];

/** The status an error message inside a stream stands for (500 when it says nothing known). */
export function statusOfCohereMessage(message: string): number {
  return statusByMessage.find(([pattern]) => pattern.test(message))?.[1] ?? 500;
}

export interface CohereStreamErrorContext {
  provider: string;
  model: string;
  /** The error text of a `message-end` event or of an error event. */
  message: string;
  secrets: ReadonlyArray<string | undefined>;
}

/**
 * An error that arrived after the stream started (the stream already answered 200), classified by
 * what its message says, so a mid-stream rate limit is still a rate limit.
 */
export function cohereStreamError(context: CohereStreamErrorContext): SwitchyardError {
  return cohereError({
    provider: context.provider,
    model: context.model,
    status: statusOfCohereMessage(context.message),
    headers: {},
    body: JSON.stringify({ message: context.message }),
    secrets: context.secrets,
  });
}

export interface CohereGenerationFailure {
  provider: string;
  model: string;
  reason: CohereFailureReason;
}

/**
 * A generation that ended with finish reason ERROR or TIMEOUT and no error text, after Cohere had
 * answered 200: an error, never a normal end. Both are worth retrying; TIMEOUT is a timeout.
 */
export function cohereGenerationError(failure: CohereGenerationFailure): SwitchyardError {
  const what = failure.reason === 'TIMEOUT' ? 'timed out' : 'failed';
  const options = {
    message: `${failure.provider} generation ${what} (finish_reason ${failure.reason})`,
    provider: failure.provider,
    model: failure.model,
  };
  if (failure.reason === 'TIMEOUT')
    return new TimeoutError({ ...options, code: 'upstream_generation_timeout' });
  return new InternalServerError({ ...options, code: 'upstream_generation_error' });
}
