import { TimeoutError } from '../errors/error-classes.js';
import type { LinkedAbort } from './linked-abort.js';

export type StreamOutcome = 'success' | 'error' | 'aborted';

export interface RoutedStreamOptions<T> {
  /** The upstream stream, whose first result was already read (`first`). */
  iterator: AsyncIterator<T>;
  first: IteratorResult<T>;
  /** Aborts the upstream call (idle timeout, consumer gone); disposed when the stream ends. */
  abort: LinkedAbort;
  /** Longest wait for the next chunk, in ms; longer silences abort the upstream with a TimeoutError. */
  idleMs?: number;
  /** Names the upstream in the idle-timeout message. */
  target: string;
  /** What the consumer gets for a chunk (undefined: skip it). Sees every chunk, e.g. to read usage. */
  map: (chunk: T) => T | undefined;
  /** Called exactly once, when the stream finishes, fails, or the consumer stops reading. */
  onEnd: (outcome: StreamOutcome, error?: unknown) => void;
}

const DONE: IteratorResult<never> = Object.freeze({ done: true, value: undefined });

/**
 * A routed stream after its first chunk: relays the upstream chunks, aborts the upstream when it
 * stays silent longer than `idleMs` (one timer, re-armed with `refresh()` before each read, so no
 * per-chunk allocation beyond the iterator result), and ends exactly once, whether the upstream
 * finishes, fails, or the consumer breaks out (even before its first read).
 */
export class RoutedStream<T> implements AsyncIterableIterator<T> {
  private pending: IteratorResult<T> | undefined;
  private finished = false;
  private waiting = false;
  private readonly idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: RoutedStreamOptions<T>) {
    this.pending = options.first;
    const { idleMs } = options;
    if (idleMs !== undefined && idleMs > 0 && Number.isFinite(idleMs)) {
      this.idleTimer = setTimeout(() => this.onIdle(idleMs), idleMs);
      this.idleTimer.unref?.();
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    try {
      for (;;) {
        let result = this.pending;
        if (result !== undefined) {
          this.pending = undefined;
        } else {
          this.waiting = true;
          this.idleTimer?.refresh();
          result = await this.options.iterator.next();
          this.waiting = false;
        }
        if (result.done) {
          this.finish('success');
          return DONE;
        }
        const value = this.options.map(result.value);
        if (value !== undefined) return { done: false, value };
      }
    } catch (error) {
      this.waiting = false;
      const failure = this.options.abort.timeoutReason() ?? error;
      this.finish('error', failure);
      throw failure;
    }
  }

  /** The consumer stopped reading: abort the upstream and release everything. */
  async return(): Promise<IteratorResult<T>> {
    if (this.finished) return DONE;
    this.finish('aborted');
    this.options.abort.abort(new Error('The consumer stopped reading the stream'));
    try {
      await this.options.iterator.return?.();
    } catch {
      // The upstream is being torn down; its error is of no interest to a consumer that left.
    }
    return DONE;
  }

  private onIdle(idleMs: number): void {
    if (!this.waiting || this.finished) return;
    this.options.abort.abort(
      new TimeoutError({
        message: `${this.options.target} sent nothing for ${idleMs} ms in the middle of a stream`,
        code: 'stream_idle_timeout',
      }),
    );
  }

  private finish(outcome: StreamOutcome, error?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    this.pending = undefined;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.options.abort.dispose();
    this.options.onEnd(outcome, error);
  }
}
