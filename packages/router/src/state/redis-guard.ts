import { CircuitBreaker, type CircuitState, redactSecrets } from '@switchyard/core';

/** Where the shared router state reports Redis trouble (the proxy's logger fits). */
export interface RouterStateLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** A Redis answer, or the reason there is none (the caller falls back to local state). */
export type GuardedResult<T> = { ok: true; value: T } | { ok: false };

export interface RedisGuardOptions {
  /** Longest wait for one Redis call, in ms. */
  timeoutMs: number;
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call, in ms. */
  resetAfterMs: number;
  logger?: RouterStateLogger;
  /** Known secrets (the Redis password) scrubbed from logged error messages. */
  secrets: ReadonlyArray<string | undefined>;
  /**
   * True while the client makes its first connection: calls then answer locally without counting
   * as failures, so a burst of requests at start-up does not open the circuit.
   */
  connecting?: () => boolean;
  /** Called when the circuit closes again (e.g. to push local changes back to Redis). */
  onRecovered?: () => void;
  now: () => number;
}

/** Runs Redis calls with a time limit behind a circuit breaker; see {@link createRedisGuard}. */
export interface RedisGuard {
  run<T>(call: () => Promise<T>): Promise<GuardedResult<T>>;
  readonly state: CircuitState;
}

const unavailable: GuardedResult<never> = { ok: false };

function describe(error: unknown, secrets: ReadonlyArray<string | undefined>): string {
  const message = error instanceof Error ? error.message : String(error);
  return redactSecrets(message, secrets);
}

/**
 * Bounds every Redis call by `timeoutMs` and counts failures in a {@link CircuitBreaker}: once it
 * opens, calls are not even tried until a probe succeeds. Logs one warning when Redis becomes
 * unavailable and one when it answers again, never one per call. Never throws.
 */
export function createRedisGuard(options: RedisGuardOptions): RedisGuard {
  const { logger, secrets, timeoutMs } = options;
  let lastError: unknown;
  const breaker = new CircuitBreaker({
    failureThreshold: options.failureThreshold,
    resetAfterMs: options.resetAfterMs,
    now: options.now,
    onStateChange(next, previous) {
      if (next === 'open' && previous === 'closed') {
        logger?.warn(
          'router state: Redis is unavailable; cooldowns and counters are per process until it answers',
          {
            error: describe(lastError, secrets),
            retryAfterMs: options.resetAfterMs,
          },
        );
      } else if (next === 'closed') {
        logger?.warn('router state: Redis answers again; cooldowns and counters are shared again');
        options.onRecovered?.();
      }
    },
  });

  return {
    get state() {
      return breaker.state;
    },
    async run<T>(call: () => Promise<T>): Promise<GuardedResult<T>> {
      if (options.connecting?.() || !breaker.allow()) return unavailable;
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
        return unavailable;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
