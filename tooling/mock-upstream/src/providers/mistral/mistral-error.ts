import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

/** Mistral's error envelope for failures its API layer explains (400, 429, 5xx). */
export interface MistralErrorBody {
  object: 'error';
  message: string;
  type: string;
  param: string | null;
  code: string | null;
}

/** One pydantic validation failure, as FastAPI reports it in a 422. */
export interface MistralValidationDetail {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input?: unknown;
}

/** Mistral's 422: the pydantic `detail` list wrapped in its error envelope. */
export interface MistralValidationErrorBody {
  object: 'error';
  message: { detail: MistralValidationDetail[] };
  type: 'invalid_request_error';
  param: null;
  code: null;
}

export function mistralError(
  status: number,
  message: string,
  options: { type?: string; code?: string | null; param?: string | null } = {},
): ErrorReply & { body: MistralErrorBody } {
  return {
    status,
    body: {
      object: 'error',
      message,
      type: options.type ?? (status >= 500 ? 'internal_server_error' : 'invalid_request_error'),
      param: options.param ?? null,
      code: options.code ?? null,
    },
  };
}

export function mistralValidationError(
  detail: MistralValidationDetail[],
): ErrorReply & { body: MistralValidationErrorBody } {
  return {
    status: 422,
    body: { object: 'error', message: { detail }, type: 'invalid_request_error', param: null, code: null },
  };
}

/** The validation detail for a field the request model does not define (`extra="forbid"`). */
export function extraForbidden(loc: Array<string | number>, input: unknown): MistralValidationDetail {
  return { type: 'extra_forbidden', loc: ['body', ...loc], msg: 'Extra inputs are not permitted', input };
}

export function missingField(loc: Array<string | number>, input: unknown): MistralValidationDetail {
  return { type: 'missing', loc: ['body', ...loc], msg: 'Field required', input };
}

export function invalidValue(
  loc: Array<string | number>,
  msg: string,
  input: unknown,
): MistralValidationDetail {
  return { type: 'value_error', loc: ['body', ...loc], msg, input };
}

/**
 * The body Mistral sends for a status, used when a rule scripts a status without a body. Its gateway
 * answers 401 and 429 with short bodies of their own; the API answers the rest in its envelope.
 */
export function defaultMistralErrorBody(context: ErrorBodyContext): unknown {
  switch (context.status) {
    case 400:
      return mistralError(400, 'Invalid request: the mock upstream was scripted to reject it with a 400.')
        .body;
    case 401:
      return { detail: 'Unauthorized' };
    case 403:
      return mistralError(403, 'You do not have access to this model or feature.', { type: 'forbidden' })
        .body;
    case 404:
      return { detail: 'Not Found' };
    case 422:
      return mistralValidationError([extraForbidden(['mock_field'], true)]).body;
    case 429:
      return { message: 'Requests rate limit exceeded' };
    case 500:
      return mistralError(500, 'Internal server error', { code: '1000' }).body;
    case 503:
      return mistralError(503, 'Service unavailable, the model is overloaded. Please try again later.', {
        type: 'service_unavailable',
        code: '1000',
      }).body;
    default:
      return mistralError(
        context.status,
        `The mock upstream was scripted to fail with status ${context.status}.`,
      ).body;
  }
}

const streamErrorTypes: Record<number, string> = {
  401: 'unauthorized',
  429: 'rate_limited',
  503: 'service_unavailable',
};

/**
 * The error a stream carries once it has started (the status line is already 200): the error
 * envelope for the status as one data frame, with the status it stands for in `raw_status_code`.
 */
export function mistralStreamErrorFrame(
  context: ErrorBodyContext,
): MistralErrorBody & { raw_status_code: number } {
  const body = defaultMistralErrorBody(context) as Record<string, unknown>;
  const text = [body.message, body.detail].find((value): value is string => typeof value === 'string');
  const envelope =
    body.object === 'error' && typeof body.message === 'string'
      ? (body as unknown as MistralErrorBody)
      : mistralError(context.status, text ?? `Error ${context.status}`, {
          type: streamErrorTypes[context.status] ?? 'api_error',
        }).body;
  return { ...envelope, raw_status_code: context.status };
}

export function mistralInvalidJson(): ErrorReply {
  return mistralValidationError([
    { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {} },
  ]);
}

export function mistralRouteNotFound(): ErrorReply {
  return { status: 404, body: { detail: 'Not Found' } };
}
