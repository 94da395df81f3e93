import { CircuitBreaker, type CircuitState, redactSecrets } from '@switchyard/core';

/** Where the limiter reports Redis trouble (the proxy's logger fits). */
export interface LimiterLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/**
 * A Redis answer, or the reason there is none (the caller falls back to the in-process limiter).
 * `attempted`: the command was sent and may still run on the server later (it timed out).
 */
export type GuardedResult<T> = { ok: true; value: T } | { ok: false; attempted: boolean };

export interface RedisLimiterGuardOptions {
  /** Longest wait for one Redis call, in ms. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call, in ms. */
  resetAfterMs: number;
  logger?: LimiterLogger;
  /** Known secrets (the Redis password) scrubbed from logged error messages. */
  secrets: ReadonlyArray<string | undefined>;
  /**
   * True while the client makes its first connection: calls then answer locally without counting
   * as failures, so a burst of requests at start-up does not open the circuit.
   */
  connecting: () => boolean;
  /** Called when the circuit closes again. */
  onRecovered: () => void;
  now: () => number;
}

/** Runs Redis calls with a time limit behind a circuit breaker; see {@link createRedisLimiterGuard}. */
export interface RedisLimiterGuard {
  run<T>(call: () => Promise<T>): Promise<GuardedResult<T>>;
  readonly state: CircuitState;
}

const skipped: GuardedResult<never> = { ok: false, attempted: false };
const failed: GuardedResult<never> = { ok: false, attempted: true };

function describe(error: unknown, secrets: ReadonlyArray<string | undefined>): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message, secrets);
}

/**
 * Bounds every Redis call by `timeoutMs` and counts failures in a {@link CircuitBreaker}: once it
 * opens, calls are not even tried until a probe succeeds. Logs one warning when Redis becomes
 * unavailable and one when it answers again, never one per call. Never throws.
 * (The router's `createRedisGuard` does the same for router state; kept apart so the proxy does
 * not depend on the router's internals, and so each names its own feature in its warnings.)
 */
export function createRedisLimiterGuard(options: RedisLimiterGuardOptions): RedisLimiterGuard {
  const { logger, secrets, timeoutMs } = options;
  let lastError: unknown;
  const breaker = new CircuitBreaker({
    failureThreshold: options.failureThreshold,
    resetAfterMs: options.resetAfterMs,
    now: options.now,
    onStateChange(next, previous) {
      if (next === 'open' && previous === 'closed') {
        logger?.warn(
          'limits: Redis is unavailable; rate limits and budgets are enforced per process until it answers',
          { error: describe(lastError, secrets), retryAfterMs: options.resetAfterMs },
        );
      } else if (next === 'closed') {
        logger?.warn('limits: Redis answers again; rate limits and budgets are shared again');
        options.onRecovered();
      }
    },
  });

  return {
    get state() {
      return breaker.state;
    },
    async run<T>(call: () => Promise<T>): Promise<GuardedResult<T>> {
      if (options.connecting() || !breaker.allow()) return skipped;
      let timer: ReturnType<typeof setTimeout> | undefined;
      try {
        const timeout = new Promise<never>((_, reject) => {
          // The rejection waits for setImmediate, after the event loop's I/O phase: when the
          // process itself was stalled past the limit, a reply that arrived meanwhile still wins.
          const expire = () => reject(new Error(`no answer within ${timeoutMs} ms`));
          timer = setTimeout(() => setImmediate(expire), timeoutMs);
        });
        const value = await Promise.race([call(), timeout]);
        breaker.success();
        return { ok: true, value };
      } catch (error) {
        lastError = error;
        breaker.failure();
        return failed;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
