import type { ErrorBodyContext, ErrorReply } from '../../core/provider.js';

const typeNames: Record<number, string> = {
  400: 'BadRequestError',
  401: 'Unauthorized',
  404: 'NotFoundError',
  429: 'TooManyRequests',
  500: 'InternalServerError',
  503: 'ServiceUnavailableError',
};

/** vLLM's error body: `{"object":"error","message","type","param","code"}`. */
export function vllmError(status: number, message: string): ErrorReply {
  return {
    status,
    body: { object: 'error', message, type: typeNames[status] ?? 'Error', param: null, code: status },
  };
}

export function defaultVllmErrorBody(context: ErrorBodyContext): unknown {
  const model = context.model ?? 'the model';
  const message =
    context.status === 404
      ? `The model \`${model}\` does not exist.`
      : `The mock upstream was scripted to fail with status ${context.status}.`;
  return vllmError(context.status, message).body;
}
