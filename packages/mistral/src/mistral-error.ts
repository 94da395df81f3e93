import {
  ContentPolicyViolationError,
  errorFromStatus,
  isRecord,
  NotFoundError,
  parseRetryAfter,
  redactSecrets,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import { openAIError } from '@switchyard/openai';

export interface MistralErrorContext {
  provider: string;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Secrets to scrub from anything kept (the api key). */
  secrets: ReadonlyArray<string | undefined>;
}

const keptHeaders = ['mistral-correlation-id', 'x-kong-request-id', 'retry-after', 'retry-after-ms'];
const maxBodyKept = 4096;
const contextWindow =
  /too large for model with \d+ maximum context length|maximum context length|context length exceeded/i;
const contextCodes = new Set(['3051']);

interface ErrorFields {
  message: string | undefined;
  type: string | undefined;
  code: string | undefined;
  param: string | undefined;
}

/**
 * Classifies a Mistral error answer. Mistral speaks several shapes: its envelope
 * `{"object":"error","message":…,"type":…,"param":…,"code":…}` (400s, 5xx), where `message` may
 * itself hold a pydantic `{"detail":[…]}` (422 validation errors); FastAPI's bare `{"detail":…}`;
 * its gateway's `{"message":…}` (401, 429). Bodies in OpenAI's `{"error":…}` shape (proxies, Azure
 * deployments of Mistral models) are classified as OpenAI's. Prompts over the context window become
 * ContextWindowExceededError, an unknown model NotFoundError.
 */
export function mistralError(context: MistralErrorContext): SwitchyardError {
  const parsed = safeParseJson(context.body);
  if (parsed.ok && isRecord(parsed.value) && isRecord(parsed.value.error)) return openAIError(context);
  const fields = readErrorFields(parsed.ok ? parsed.value : undefined);
  const body = redactSecrets(context.body, context.secrets);
  const message = fields.message
    ? redactSecrets(fields.message, context.secrets)
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
  if (fields.type) info.type = fields.type;
  if (fields.code) info.code = fields.code;
  if (fields.param) info.param = fields.param;
  const retryAfterMs = parseRetryAfter(context.headers);
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  return classify(info, fields);
}

function classify(info: Parameters<typeof errorFromStatus>[0], fields: ErrorFields): SwitchyardError {
  const { status, ...rest } = info;
  if (status < 500 && (contextCodes.has(fields.code ?? '') || contextWindow.test(fields.message ?? ''))) {
    return errorFromStatus({ ...info, code: 'context_length_exceeded' });
  }
  if (fields.type === 'invalid_model') {
    return new NotFoundError({ ...rest, code: 'model_not_found', upstreamStatus: status });
  }
  if (status < 500 && /moderation|guardrail/i.test(fields.type ?? '')) {
    return new ContentPolicyViolationError({ ...rest, upstreamStatus: status });
  }
  return errorFromStatus(info);
}

/** Message, type, code and param from any of Mistral's error shapes. */
export function readErrorFields(value: unknown): ErrorFields {
  const record = isRecord(value) ? value : {};
  const validation = validationDetail(record.message) ?? validationDetail(record.detail);
  const message =
    validation?.message ??
    (typeof record.message === 'string' && record.message !== '' ? record.message : undefined) ??
    (typeof record.detail === 'string' && record.detail !== '' ? record.detail : undefined);
  const code =
    typeof record.code === 'string' || typeof record.code === 'number' ? String(record.code) : undefined;
  return {
    message,
    type: typeof record.type === 'string' ? record.type : undefined,
    code,
    param: validation?.param ?? (typeof record.param === 'string' ? record.param : undefined),
  };
}

/** A pydantic `detail` list (bare, or wrapped as `{detail: […]}`) as one readable message. */
function validationDetail(value: unknown): { message: string; param: string | undefined } | undefined {
  const detail = isRecord(value) ? value.detail : value;
  if (!Array.isArray(detail) || detail.length === 0) return undefined;
  const entries = detail.filter(isRecord).map((entry) => {
    const loc = Array.isArray(entry.loc) ? entry.loc.filter((part) => part !== 'body').join('.') : '';
    const msg = typeof entry.msg === 'string' ? entry.msg : 'Invalid value';
    return { loc, text: loc ? `${msg}: ${loc}` : msg };
  });
  if (entries.length === 0) return undefined;
  return { message: entries.map((entry) => entry.text).join('; '), param: entries[0]?.loc || undefined };
}

const statusByKind: Array<[RegExp, number]> = [
  [/rate_limit|rate_limited|capacity/, 429],
  [/unauthorized|authentication/, 401],
  [/forbidden|permission/, 403],
  [/not_found|invalid_model/, 404],
  [/unavailable|overloaded/, 503],
  [/invalid_request|invalid_function_call|bad_request/, 400],
];

/**
 * An error frame inside a stream has no HTTP status of its own (the stream answered 200): Mistral
 * puts it in `raw_status_code`; otherwise it is inferred from the error type, else 500.
 */
export function statusOfMistralErrorFrame(body: string): number {
  const parsed = safeParseJson(body);
  const record = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const error = isRecord(record.error) ? record.error : record;
  for (const candidate of [record.raw_status_code, error.code]) {
    const numeric = typeof candidate === 'number' ? candidate : Number(candidate);
    if (Number.isInteger(numeric) && numeric >= 400 && numeric <= 599) return numeric;
  }
  const kind = `${String(error.type ?? '')} ${String(error.code ?? '')}`;
  for (const [pattern, status] of statusByKind) if (pattern.test(kind)) return status;
  return 500;
}
