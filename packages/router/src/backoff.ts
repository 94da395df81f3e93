export interface BackoffOptions {
  /** Retries already made (0 before the first retry). */
  retry: number;
  /** The upstream's `retry-after` / `retry-after-ms`, in ms, when it sent one. */
  retryAfterMs?: number;
  /** Minimum wait (router_settings.retry_after), in ms. */
  minDelayMs: number;
  /** Longest `retry-after` honoured, in ms; a longer one falls back to the computed backoff. */
  maxRetryAfterMs: number;
  /** First backoff step, in ms. Default 500. */
  initialDelayMs?: number;
  /** Cap of the computed backoff, in ms. Default 8 s. */
  maxDelayMs?: number;
  /** Injected randomness in [0, 1). */
  random: () => number;
}

/**
 * The wait before a retry, openai-node's way: the upstream's `retry-after` when it is sane (up to
 * `maxRetryAfterMs`), else exponential backoff (initial × 2^retry, capped) with up to 25% jitter
 * taken off; never below `minDelayMs`.
 */
export function backoffDelay(options: BackoffOptions): number {
  const { retryAfterMs } = options;
  if (retryAfterMs !== undefined && retryAfterMs >= 0 && retryAfterMs <= options.maxRetryAfterMs) {
    return Math.max(options.minDelayMs, retryAfterMs);
  }
  const initial = options.initialDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 8_000;
  const exponential = Math.min(initial * 2 ** Math.max(0, options.retry), cap);
  const jittered = exponential * (1 - 0.25 * options.random());
  return Math.max(options.minDelayMs, Math.round(jittered));
}
