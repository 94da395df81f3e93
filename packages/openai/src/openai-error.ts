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
  const rawMessage =
    typeof error?.message === 'string' && error.message !== ''
      ? error.message
      : `${context.provider} answered HTTP ${context.status}${context.body ? `: ${context.body.slice(0, 200)}` : ''}`;
  const shouldRetry = context.headers['x-should-retry'];
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = context.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const info: Parameters<typeof errorFromStatus>[0] = {
    status: context.status,
    message: redactSecrets(rawMessage, context.secrets),
    provider: context.provider,
    model: context.model,
    headers,
    body: redactSecrets(context.body.slice(0, maxBodyKept), context.secrets),
  };
  if (typeof error?.type === 'string') info.type = error.type;
  if (typeof error?.code === 'string' || typeof error?.code === 'number') info.code = String(error.code);
  if (typeof error?.param === 'string') info.param = error.param;
  const retryAfterMs = parseRetryAfter(context.headers);
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  return errorFromStatus(info);
}
