import { AbortedError, TimeoutError } from '../errors/error-classes.js';

/**
 * One abort signal for an upstream call that fires when the caller aborts or the deadline passes,
 * and remembers which of the two happened. `dispose` removes the timer and the listener, so long
 * lived caller signals do not accumulate listeners (AbortSignal.any leaks on Node 20).
 */
export class Deadline {
  readonly signal: AbortSignal;
  private readonly controller = new AbortController();
  private readonly timer: ReturnType<typeof setTimeout> | undefined;
  private readonly onCallerAbort: (() => void) | undefined;
  private timedOutFlag = false;

  constructor(
    private readonly callerSignal: AbortSignal | undefined,
    private readonly timeoutMs: number | undefined,
    private readonly target: string,
  ) {
    this.signal = this.controller.signal;
    if (callerSignal?.aborted) {
      this.controller.abort(callerSignal.reason);
    } else if (callerSignal) {
      this.onCallerAbort = () => this.controller.abort(callerSignal.reason);
      callerSignal.addEventListener('abort', this.onCallerAbort, { once: true });
    }
    if (timeoutMs !== undefined && timeoutMs > 0 && Number.isFinite(timeoutMs)) {
      this.timer = setTimeout(() => {
        this.timedOutFlag = true;
        this.controller.abort(this.timeoutError());
      }, timeoutMs);
      this.timer.unref?.();
    }
  }

  get timedOut(): boolean {
    return this.timedOutFlag;
  }

  get callerAborted(): boolean {
    return this.callerSignal?.aborted === true && !this.timedOutFlag;
  }

  timeoutError(): TimeoutError {
    return new TimeoutError({ message: `Request to ${this.target} timed out after ${this.timeoutMs} ms` });
  }

  abortedError(cause?: unknown): AbortedError {
    return new AbortedError({ message: `Request to ${this.target} was aborted by the caller`, cause });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.onCallerAbort) this.callerSignal?.removeEventListener('abort', this.onCallerAbort);
  }
}
