import { errorFromStatus, isRecord, type SwitchyardError, safeParseJson } from '@switchyard/core';
import { type OpenAIErrorContext, openAIError } from '@switchyard/openai';

interface AzureErrorFields {
  code: unknown;
  type: unknown;
  innerCode: unknown;
  message: unknown;
}

const numericCode = /^\d{3}$/;
const contextWindowMessage =
  /maximum context length|context_length_exceeded|exceeds? the (?:model's )?context (?:window|length)|too many tokens/i;

function readErrorFields(body: string): AzureErrorFields | undefined {
  const parsed = safeParseJson(body);
  if (!parsed.ok || !isRecord(parsed.value) || !isRecord(parsed.value.error)) return undefined;
  const error = parsed.value.error;
  // The wire says `innererror`; Azure's OpenAPI spec calls it `inner_error`.
  const inner = isRecord(error.innererror)
    ? error.innererror
    : isRecord(error.inner_error)
      ? error.inner_error
      : {};
  return { code: error.code, type: error.type, innerCode: inner.code, message: error.message };
}

/**
 * The code an Azure error should be classified by, when it differs from what OpenAI's reading of
 * the body gives: a prompt the content filter refused (`innererror.code` ResponsibleAIPolicyViolation)
 * is a content policy violation whatever its outer code; a context-window message without
 * OpenAI's code is a context window error; the status echoed as a code by Azure's gateway
 * (`"429"`, `"401"`) says nothing, so the error class's own code is used. `null` means no change.
 */
export function azureErrorCode(status: number, fields: AzureErrorFields): string | undefined | null {
  if (fields.innerCode === 'ResponsibleAIPolicyViolation' && fields.code !== 'content_filter') {
    return 'content_filter';
  }
  if (
    status === 400 &&
    fields.code !== 'context_length_exceeded' &&
    typeof fields.message === 'string' &&
    contextWindowMessage.test(fields.message)
  ) {
    return 'context_length_exceeded';
  }
  if (typeof fields.code === 'string' && numericCode.test(fields.code)) return undefined;
  if (typeof fields.code === 'number') return undefined;
  return null;
}

/**
 * Classifies an Azure OpenAI error answer. Bodies are OpenAI's envelope (from the model service)
 * or Azure's gateway envelope `{"error":{"code","message"}}`; both are read by `openAIError`
 * (message kept, secrets redacted, retry-after / retry-after-ms honoured), then reclassified
 * where Azure's codes differ (see `azureErrorCode`).
 */
export function azureError(context: OpenAIErrorContext): SwitchyardError {
  const base = openAIError(context);
  const fields = readErrorFields(context.body);
  if (!fields) return base;
  const code = azureErrorCode(context.status, fields);
  if (code === null) return base;
  const info: Parameters<typeof errorFromStatus>[0] = {
    status: context.status,
    message: base.message,
    provider: context.provider,
    model: context.model,
  };
  if (code !== undefined) info.code = code;
  if (typeof fields.type === 'string') info.type = fields.type;
  if (base.param !== null) info.param = base.param;
  if (base.headers) info.headers = base.headers;
  if (base.body !== undefined) info.body = base.body;
  if (base.retryAfterMs !== undefined) info.retryAfterMs = base.retryAfterMs;
  // As in openAIError: the error class decides retryability unless x-should-retry says otherwise.
  const shouldRetry = context.headers['x-should-retry'];
  if (shouldRetry === 'true' || shouldRetry === 'false') info.retryable = shouldRetry === 'true';
  return errorFromStatus(info);
}

const statusByCode: Record<string, number> = {
  content_filter: 400,
  context_length_exceeded: 400,
  invalid_request_error: 400,
  rate_limit_exceeded: 429,
  too_many_requests: 429,
  DeploymentNotFound: 404,
  ServiceUnavailable: 503,
  server_error: 500,
  InternalServerError: 500,
};

/**
 * An `{"error":…}` frame in a stream has no HTTP status of its own; it is inferred from the code
 * (Azure's gateway puts the status itself there, `"429"`) or the type.
 */
export function statusOfAzureErrorFrame(body: string): number {
  const fields = readErrorFields(body);
  for (const kind of [fields?.code, fields?.type]) {
    if (typeof kind === 'number' && kind >= 400 && kind <= 599) return kind;
    if (typeof kind !== 'string') continue;
    if (numericCode.test(kind) && Number(kind) >= 400 && Number(kind) <= 599) return Number(kind);
    if (statusByCode[kind] !== undefined) return statusByCode[kind];
  }
  return 500;
}
