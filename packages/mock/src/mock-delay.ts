import type { Deadline } from '@switchyard/core';

/** The error for a call whose deadline signal fired: core's TimeoutError or AbortedError. */
export function deadlineError(deadline: Deadline): Error {
  return deadline.timedOut ? deadline.timeoutError() : deadline.abortedError(deadline.signal.reason);
}

/**
 * Waits `ms` milliseconds, rejecting with `deadlineError` as soon as the deadline's signal fires
 * (at once when it already has). A delay of 0 does not wait, but still checks the signal.
 */
export function delay(ms: number, deadline: Deadline): Promise<void> {
  const { signal } = deadline;
  if (signal.aborted) return Promise.reject(deadlineError(deadline));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(deadlineError(deadline));
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/**
 * A delay in ms from settings or deployment params: a finite number ≥ 0, or the fallback when
 * absent. Anything else is a configuration mistake and throws a RangeError naming the setting.
 */
export function readDelay(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  throw new RangeError(`${name} must be a non-negative number of milliseconds (got ${String(value)}).`);
}

/**
 * Yields the items with `delayMs` between them; ends with the deadline's error when the signal
 * fires (checked before every item), and releases the deadline when done, failed or abandoned.
 */
export async function* paced<T>(items: readonly T[], delayMs: number, deadline: Deadline): AsyncGenerator<T> {
  try {
    for (const [index, item] of items.entries()) {
      await delay(index === 0 ? 0 : delayMs, deadline);
      yield item;
    }
  } finally {
    deadline.dispose();
  }
}
