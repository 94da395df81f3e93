import { AbortedError } from '@switchyard/core';

/** Waits `ms`, or rejects with an AbortedError as soon as `signal` aborts (listener removed either way). */
export function abortableSleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(aborted(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(aborted(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function aborted(signal: AbortSignal): AbortedError {
  return new AbortedError({ message: 'The request was aborted by the caller', cause: signal.reason });
}
