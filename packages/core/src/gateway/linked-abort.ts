import type { SwitchyardError } from '../errors/switchyard-error.js';
import { isTimeoutError } from './run-attempt.js';

/**
 * An abort controller that also aborts (with the same reason) when `parent` does, so a stream's
 * own limits (first chunk, idle) can abort the upstream call without aborting the attempt.
 * `dispose` removes the listener from the parent.
 */
export class LinkedAbort {
  private readonly controller = new AbortController();
  private readonly onParentAbort: () => void;

  constructor(private readonly parent: AbortSignal) {
    this.onParentAbort = () => this.controller.abort(parent.reason);
    if (parent.aborted) this.controller.abort(parent.reason);
    else parent.addEventListener('abort', this.onParentAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(reason: unknown): void {
    this.controller.abort(reason);
  }

  /** The abort reason when the signal was aborted by a timeout (this one's or the parent's). */
  timeoutReason(): SwitchyardError | undefined {
    const { signal } = this.controller;
    return signal.aborted && isTimeoutError(signal.reason) ? signal.reason : undefined;
  }

  dispose(): void {
    this.parent.removeEventListener('abort', this.onParentAbort);
  }
}
