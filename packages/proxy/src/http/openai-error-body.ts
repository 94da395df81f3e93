import { redactSecrets, SwitchyardError } from '@switchyard/core';

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export interface RenderedError {
  status: number;
  body: OpenAIErrorBody;
  headers: Record<string, string>;
}

/**
 * The one place errors become HTTP answers in OpenAI's shape. Unknown (non-Switchyard) errors
 * are a 500 with a generic message: their text may carry internals and is only logged.
 */
export function renderOpenAIError(
  error: unknown,
  secrets: ReadonlyArray<string | undefined> = [],
): RenderedError {
  if (!SwitchyardError.isInstance(error)) {
    return {
      status: 500,
      body: {
        error: {
          message: 'Internal server error',
          type: 'server_error',
          param: null,
          code: 'internal_error',
        },
      },
      headers: {},
    };
  }
  const headers: Record<string, string> = {};
  if (error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  const status = error.status >= 400 && error.status <= 599 ? error.status : 500;
  return {
    status,
    body: {
      error: {
        message: redactSecrets(error.message, secrets),
        type: error.type,
        param: error.param,
        code: error.code,
      },
    },
    headers,
  };
}
