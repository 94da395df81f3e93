import {
  errorFromStatus,
  isRecord,
  parseRetryAfter,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';

export interface OpenAIErrorContext {
  provider: string;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Secrets to scrub from anything kept (the api key). */
  secrets: ReadonlyArray<string | undefined>;
}

const keptHeaders = ['x-request-id', 'retry-after', 'retry-after-ms', 'x-should-retry'];
const maxBodyKept = 4096;

/**
 * Classifies an OpenAI(-compatible) error answer: `{"error":{"message","type","param","code"}}`,
 * or anything else a proxy in between may have sent. OpenAI's `x-should-retry` header overrides
 * the status-based retry decision, as openai-node does.
 */
export function openAIError(context: OpenAIErrorContext): SwitchyardError {
  const parsed = safeParseJson(context.body);
  const error =
    parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.error) ? parsed.value.error : undefined;
  // Redact before cutting: a secret straddling a cut would otherwise survive in part.
  const body = redactSecrets(context.body, context.secrets);
  const bare = !error && parsed.ok ? bareMessage(parsed.value) : undefined;
  const answered = `${context.provider} answered HTTP ${context.status}`;
  const message =
    typeof error?.message === 'string' && error.message !== ''
      ? redactSecrets(error.message, context.secrets)
      : bare
        ? `${answered}: ${redactSecrets(bare, context.secrets).slice(0, 500)}`
        : `${answered}${body ? `: ${body.slice(0, 200)}` : ''}`;
  const shouldRetry = context.headers['x-should-retry'];
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
  if (typeof error?.code === 'string' || typeof error?.code === 'number') info.code = String(error.code);
  if (typeof error?.param === 'string') info.param = error.param;
  const retryAfterMs = parseRetryAfter(context.headers);
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  return errorFromStatus(info);
}

/**
 * The message of an error body without OpenAI's envelope: FastAPI's `{"detail": "..."}` (Voyage AI,
 * Jina AI) or a top-level `{"message": "..."}` (vLLM, Together AI's gateway).
 */
function bareMessage(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  if (typeof value.detail === 'string' && value.detail !== '') return value.detail;
  return typeof value.message === 'string' && value.message !== '' ? value.message : undefined;
}

const statusByErrorKind: Record<string, number> = {
  rate_limit_exceeded: 429,
  rate_limit_error: 429,
  requests: 429,
  tokens: 429,
  insufficient_quota: 429,
  context_length_exceeded: 400,
  invalid_request_error: 400,
  invalid_api_key: 401,
  authentication_error: 401,
  permission_error: 403,
  not_found_error: 404,
  model_not_found: 404,
  overloaded_error: 503,
  service_unavailable: 503,
  server_error: 500,
};

/**
 * An `{"error":…}` frame inside a stream has no HTTP status of its own (the stream already
 * answered 200); the status is inferred from its code or type, or a numeric code some
 * compatible servers put there, so a mid-stream rate limit is still a rate limit.
 */
export function statusOfErrorFrame(body: string): number {
  const parsed = safeParseJson(body);
  const error =
    parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.error) ? parsed.value.error : undefined;
  const code = error?.code;
  const numeric = typeof code === 'number' ? code : typeof code === 'string' ? Number(code) : Number.NaN;
  if (Number.isInteger(numeric) && numeric >= 400 && numeric <= 599) return numeric;
  for (const kind of [code, error?.type]) {
    if (typeof kind === 'string' && statusByErrorKind[kind] !== undefined) return statusByErrorKind[kind];
  }
  return 500;
}
