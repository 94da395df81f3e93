import { AbortedError, type ProviderCallOptions, TimeoutError } from '@switchyard/core';

/** Throws when the call should stop; called before the answer and before every chunk. */
export type CallGuard = () => void;

/**
 * Checks a call's cancellation without timers or listeners, so nothing is left behind when a
 * stream is abandoned: the caller's signal (the client went away: core's AbortedError) and the
 * call's deadline (`timeoutMs`, counted from now: core's TimeoutError).
 */
export function guardCall(
  options: Pick<ProviderCallOptions, 'signal' | 'timeoutMs'>,
  target: string,
  now: () => number,
): CallGuard {
  const startedAt = now();
  const { signal, timeoutMs } = options;
  const hasDeadline = timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs);
  return () => {
    if (signal?.aborted) {
      throw new AbortedError({
        message: `Request to ${target} was aborted by the caller`,
        cause: signal.reason,
      });
    }
    if (hasDeadline && now() - startedAt > timeoutMs) {
      throw new TimeoutError({ message: `Request to ${target} timed out after ${timeoutMs} ms` });
    }
  };
}
