import type { ErrorBodyContext, ErrorReply } from './provider.js';

/** FastAPI's error body (Jina AI, Voyage AI): `{"detail": "..."}`. */
export function fastApiError(status: number, detail: string): ErrorReply {
  return { status, body: { detail } };
}

/** FastAPI's validation failure: a 422 listing each problem with its location. */
export function fastApiValidationError(field: string, message: string): ErrorReply {
  return {
    status: 422,
    body: { detail: [{ type: 'value_error', loc: ['body', field], msg: message, input: null }] },
  };
}

const defaultDetails: Record<number, string> = {
  400: 'Bad request: the mock upstream was scripted to reject it with a 400.',
  401: 'Unauthorized: invalid or missing API key.',
  403: 'Forbidden.',
  404: 'Not Found',
  429: 'Rate limit exceeded. Please slow down.',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** The body for a scripted status: FastAPI's `detail`. */
export function defaultFastApiErrorBody(context: ErrorBodyContext): unknown {
  return {
    detail:
      defaultDetails[context.status] ??
      `The mock upstream was scripted to fail with status ${context.status}.`,
  };
}

/** Bearer-key authentication answered the FastAPI way (a 401 with `detail`). */
export function authenticateFastApiBearer(
  headers: Record<string, string>,
  apiKeys: readonly string[],
): ErrorReply | undefined {
  const key = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim();
  if (key === undefined || key === '') return fastApiError(401, 'Unauthorized: an API key is required.');
  return apiKeys.includes(key) ? undefined : fastApiError(401, 'Unauthorized: invalid API key.');
}
