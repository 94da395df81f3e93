import {
  AuthenticationError,
  BadGatewayError,
  BadRequestError,
  ConflictError,
  ContextWindowExceededError,
  errorFromStatus,
  InternalServerError,
  isRecord,
  NotFoundError,
  PermissionDeniedError,
  parseRetryAfter,
  RateLimitError,
  redactSecrets,
  ServiceUnavailableError,
  type SwitchyardError,
  type SwitchyardErrorOptions,
  safeParseJson,
  TimeoutError,
} from '@switchyard/core';

export interface BedrockErrorContext {
  provider: string;
  model: string;
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Secrets to scrub from anything kept (secret key, session token, API key). */
  secrets: ReadonlyArray<string | undefined>;
}

type ErrorClass = new (options: Omit<SwitchyardErrorOptions, 'status'>) => SwitchyardError;

// Bedrock's exception types (x-amzn-errortype, or a stream's :exception-type) and the core class
// each one is. Authentication failures come as 403s from AWS but are credential problems.
const classByType: Record<string, ErrorClass> = {
  ValidationException: BadRequestError,
  SerializationException: BadRequestError,
  AccessDeniedException: PermissionDeniedError,
  UnrecognizedClientException: AuthenticationError,
  InvalidSignatureException: AuthenticationError,
  IncompleteSignatureException: AuthenticationError,
  MissingAuthenticationTokenException: AuthenticationError,
  ExpiredTokenException: AuthenticationError,
  InvalidClientTokenId: AuthenticationError,
  ResourceNotFoundException: NotFoundError,
  ConflictException: ConflictError,
  ThrottlingException: RateLimitError,
  TooManyRequestsException: RateLimitError,
  ServiceQuotaExceededException: RateLimitError,
  ModelTimeoutException: TimeoutError,
  ModelNotReadyException: ServiceUnavailableError,
  ServiceUnavailableException: ServiceUnavailableError,
  InternalServerException: InternalServerError,
  ModelErrorException: BadGatewayError,
  ModelStreamErrorException: BadGatewayError,
};

// How Bedrock (and the models behind it) say the prompt does not fit the context window.
const contextWindowMessage =
  /input is too long|too many (input )?tokens|prompt is too long|context (length|window)|maximum context|exceeds? the (maximum|max)[\w ]* tokens|input length .* exceeds/i;
const keptHeaders = ['x-amzn-requestid', 'x-amzn-errortype', 'retry-after'];
const maxBodyKept = 4096;

/** The error type: `x-amzn-errortype` up to its colon, else the body's `__type` or `code`. */
export function bedrockErrorType(headers: Record<string, string>, body: unknown): string | undefined {
  const header = headers['x-amzn-errortype'];
  if (header) return header.split(':')[0]?.trim();
  const record = isRecord(body) ? body : {};
  const type = record.__type ?? record.code;
  return typeof type === 'string' ? type.slice(type.lastIndexOf('#') + 1) : undefined;
}

function classify(type: string | undefined, message: string): ErrorClass | undefined {
  if (type === 'ValidationException' && contextWindowMessage.test(message)) return ContextWindowExceededError;
  return type === undefined ? undefined : classByType[type];
}

/**
 * Classifies a Bedrock error answer: `{"message": …}` (or `Message`) with the exception type in
 * `x-amzn-errortype`. The type decides the class (a ValidationException about the input's length is
 * a context-window error), else the status does; secrets are redacted from everything kept.
 */
export function bedrockError(context: BedrockErrorContext): SwitchyardError {
  const parsed = safeParseJson(context.body);
  const record = parsed.ok && isRecord(parsed.value) ? parsed.value : {};
  const type = bedrockErrorType(context.headers, record);
  const raw =
    typeof record.message === 'string'
      ? record.message
      : typeof record.Message === 'string'
        ? record.Message
        : '';
  const body = redactSecrets(context.body, context.secrets);
  const message =
    raw !== ''
      ? redactSecrets(raw, context.secrets)
      : `${context.provider} answered HTTP ${context.status}${type ? ` (${type})` : ''}${body ? `: ${body.slice(0, 200)}` : ''}`;
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = context.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  const options: Omit<SwitchyardErrorOptions, 'status'> = {
    message,
    provider: context.provider,
    model: context.model,
    upstreamStatus: context.status,
    headers,
    body: body.slice(0, maxBodyKept),
  };
  const retryAfterMs = parseRetryAfter(context.headers);
  if (retryAfterMs !== undefined) options.retryAfterMs = retryAfterMs;
  const ErrorClass = classify(type, message);
  if (ErrorClass) return new ErrorClass(options);
  return errorFromStatus({ ...options, status: context.status });
}

/**
 * An exception message inside a ConverseStream (`:message-type: exception`, `:exception-type`
 * e.g. `throttlingException`, payload `{"message"}`): the same classes as the HTTP errors.
 */
export function bedrockStreamException(
  exceptionType: string,
  payload: string,
  context: { provider: string; model: string; secrets: ReadonlyArray<string | undefined> },
): SwitchyardError {
  const type = `${exceptionType.charAt(0).toUpperCase()}${exceptionType.slice(1)}`;
  const status = statusOfType[type] ?? 500;
  return bedrockError({
    ...context,
    status,
    headers: { 'x-amzn-errortype': type },
    body: payload,
  });
}

const statusOfType: Record<string, number> = {
  ValidationException: 400,
  ThrottlingException: 429,
  ModelStreamErrorException: 424,
  ModelTimeoutException: 408,
  ServiceUnavailableException: 503,
  InternalServerException: 500,
};
