import { APIConnectionError, TimeoutError } from '../errors/error-classes.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { Deadline } from './deadline.js';

const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

/**
 * Turns whatever undici threw into a core error. Only the origin is named (never the path or
 * query, which may carry a key), and the caller's own abort stays distinguishable from a timeout.
 */
export function mapTransportError(error: unknown, deadline: Deadline, origin: string): SwitchyardError {
  if (SwitchyardError.isInstance(error)) return error;
  if (deadline.timedOut) return deadline.timeoutError();
  if (deadline.callerAborted) return deadline.abortedError(error);
  const code = errorCode(error);
  if (code !== undefined && timeoutCodes.has(code)) {
    const what =
      code === 'UND_ERR_CONNECT_TIMEOUT'
        ? 'connecting to'
        : code === 'UND_ERR_HEADERS_TIMEOUT'
          ? 'waiting for the response headers from'
          : 'waiting for data from';
    return new TimeoutError({ message: `Timed out ${what} ${origin}`, cause: error });
  }
  return new APIConnectionError({
    message: `Could not complete the request to ${origin}${code ? ` (${code})` : ''}`,
    cause: error,
  });
}

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const own = (error as { code?: unknown }).code;
  if (typeof own === 'string') return own;
  const cause = (error as { cause?: unknown }).cause;
  return cause === error ? undefined : errorCode(cause);
}
