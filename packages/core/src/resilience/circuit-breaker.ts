/** The breaker's state: calls go through (closed), are refused (open), or one probe is let through. */
export type CircuitState = 'closed' | 'open' | 'half-open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. Default 3. */
  failureThreshold?: number;
  /** How long the circuit stays open before one probe call is let through, in ms. Default 5 s. */
  resetAfterMs?: number;
  /** Called on every state change (e.g. to log a warning once instead of on every call). */
  onStateChange?: (state: CircuitState, previous: CircuitState) => void;
  /** Injected clock (ms). */
  now?: () => number;
}

/**
 * Guards calls to a shared dependency (Redis, a database) so its trouble costs each request at most
 * one bounded wait: after `failureThreshold` consecutive failures the circuit opens and callers use
 * their fallback at once; after `resetAfterMs` a single probe decides whether to close it again.
 */
export class CircuitBreaker {
  private stateValue: CircuitState = 'closed';
  private failures = 0;
  private openedAt = 0;
  private probing = false;
  private readonly threshold: number;
  private readonly resetAfterMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CircuitBreakerOptions = {}) {
    this.threshold = Math.max(1, options.failureThreshold ?? 3);
    this.resetAfterMs = options.resetAfterMs ?? 5_000;
    this.now = options.now ?? Date.now;
  }

  get state(): CircuitState {
    return this.stateValue;
  }

  /** Whether a call may go to the dependency now; when true the caller must report the outcome. */
  allow(): boolean {
    if (this.stateValue === 'closed') return true;
    if (this.stateValue === 'open' && this.now() - this.openedAt >= this.resetAfterMs) {
      this.transition('half-open');
    }
    if (this.stateValue === 'half-open' && !this.probing) {
      this.probing = true;
      return true;
    }
    return false;
  }

  success(): void {
    this.failures = 0;
    this.probing = false;
    if (this.stateValue !== 'closed') this.transition('closed');
  }

  failure(): void {
    this.probing = false;
    this.failures += 1;
    if (
      this.stateValue === 'half-open' ||
      (this.stateValue === 'closed' && this.failures >= this.threshold)
    ) {
      this.openedAt = this.now();
      this.transition('open');
    }
  }

  /**
   * Runs `call` through the breaker with a time limit; `fallback` answers when the circuit is open,
   * the call fails, or it takes longer than `timeoutMs`.
   */
  async run<T>(call: () => Promise<T>, fallback: (error?: unknown) => T, timeoutMs: number): Promise<T> {
    if (!this.allow()) return fallback();
    let timer: ReturnType<typeof setTimeout> | undefined;
    try {
      const result = await Promise.race([
        call(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
          timer.unref?.();
        }),
      ]);
      this.success();
      return result;
    } catch (error) {
      this.failure();
      return fallback(error);
    } finally {
      if (timer) clearTimeout(timer);
    }
  }

  private transition(next: CircuitState): void {
    const previous = this.stateValue;
    this.stateValue = next;
    if (previous !== next) this.options.onStateChange?.(next, previous);
  }
}
