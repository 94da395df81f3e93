import {
  AuthenticationError,
  ContentPolicyViolationError,
  errorFromStatus,
  isRecord,
  parseRetryAfter,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';

export interface GeminiErrorContext {
  provider: string;
  model: string;
  /** HTTP status; for an error inside a 200 stream, pass 0 to read it from the body. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Secrets to scrub from anything kept (the api key, the access token). */
  secrets: ReadonlyArray<string | undefined>;
}

type GoogleError = Record<string, unknown>;

const keptHeaders = ['retry-after', 'retry-after-ms', 'x-goog-request-id'];
const maxBodyKept = 4096;
const contextWindowPattern =
  /exceeds the maximum number of tokens|input token count|context (?:window|length)|too many tokens|prompt is too long/i;
const durationPattern = /^(\d+(?:\.\d+)?)s$/;

/** HTTP status of Google's canonical error codes, for errors that arrive without one (in a stream). */
const statusByName: Readonly<Record<string, number>> = {
  INVALID_ARGUMENT: 400,
  FAILED_PRECONDITION: 400,
  OUT_OF_RANGE: 400,
  UNAUTHENTICATED: 401,
  PERMISSION_DENIED: 403,
  NOT_FOUND: 404,
  ABORTED: 409,
  ALREADY_EXISTS: 409,
  RESOURCE_EXHAUSTED: 429,
  CANCELLED: 499,
  INTERNAL: 500,
  UNKNOWN: 500,
  DATA_LOSS: 500,
  UNIMPLEMENTED: 501,
  UNAVAILABLE: 503,
  DEADLINE_EXCEEDED: 504,
};

/** The `error` object of Google's envelope, also when a stream sends it wrapped in an array. */
function googleErrorOf(body: string): GoogleError | undefined {
  const parsed = safeParseJson(body);
  if (!parsed.ok) return undefined;
  const value = Array.isArray(parsed.value) ? parsed.value[0] : parsed.value;
  return isRecord(value) && isRecord(value.error) ? value.error : undefined;
}

function detailsOf(error: GoogleError | undefined): Record<string, unknown>[] {
  return Array.isArray(error?.details) ? error.details.filter(isRecord) : [];
}

/** `google.rpc.RetryInfo.retryDelay` ("37s", "1.5s") in milliseconds. */
function retryDelayOf(error: GoogleError | undefined): number | undefined {
  for (const detail of detailsOf(error)) {
    const delay = typeof detail.retryDelay === 'string' ? durationPattern.exec(detail.retryDelay) : null;
    if (delay?.[1] !== undefined) return Math.round(Number(delay[1]) * 1000);
  }
  return undefined;
}

function statusOf(context: GeminiErrorContext, error: GoogleError | undefined): number {
  if (context.status >= 400) return context.status;
  const code = error?.code;
  if (typeof code === 'number' && code >= 400 && code <= 599) return code;
  return typeof error?.status === 'string' ? (statusByName[error.status] ?? 500) : 500;
}

const isApiKeyInvalid = (error: GoogleError | undefined) =>
  detailsOf(error).some((detail) => detail.reason === 'API_KEY_INVALID');

/**
 * Classifies an error from the Gemini API or Vertex AI: `{"error":{"code","message","status",
 * "details"}}`. A rejected API key (Google answers 400 API_KEY_INVALID) is an authentication error;
 * token-limit messages are context-window errors; `RetryInfo` becomes the retry delay.
 */
export function geminiError(context: GeminiErrorContext): SwitchyardError {
  const error = googleErrorOf(context.body);
  const status = statusOf(context, error);
  const body = redactSecrets(context.body, context.secrets);
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? redactSecrets(error.message, context.secrets)
      : `${context.provider} answered HTTP ${status}${body ? `: ${body.slice(0, 200)}` : ''}`;
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = context.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const options = {
    message,
    provider: context.provider,
    model: context.model,
    headers,
    body: body.slice(0, maxBodyKept),
  };
  if (isApiKeyInvalid(error)) return new AuthenticationError({ ...options, upstreamStatus: status });
  const retryAfterMs = parseRetryAfter(context.headers) ?? retryDelayOf(error);
  return errorFromStatus({
    ...options,
    status,
    ...(status === 400 && contextWindowPattern.test(message) ? { code: 'context_length_exceeded' } : {}),
    ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
  });
}

/** A prompt Gemini refused to answer (`promptFeedback.blockReason`). */
export function promptBlockedError(
  feedback: unknown,
  provider: string,
  model: string,
): SwitchyardError | undefined {
  if (!isRecord(feedback) || typeof feedback.blockReason !== 'string') return undefined;
  const detail = typeof feedback.blockReasonMessage === 'string' ? `: ${feedback.blockReasonMessage}` : '';
  return new ContentPolicyViolationError({
    message: `${provider} blocked the prompt (${feedback.blockReason})${detail}`,
    provider,
    model,
    upstreamStatus: 200,
  });
}
