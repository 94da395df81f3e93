import { EventEmitter } from 'node:events';
import { modelOfRequest, type RecordedRequest } from './recorded-request.js';

export const DEFAULT_WAIT_TIMEOUT_MS = 5_000;

type RequestHead = Pick<RecordedRequest, 'method' | 'path' | 'query' | 'headers'>;

/**
 * Keeps the requests a server received and lets tests wait for them. Waiting is driven by change
 * events (a request recorded, aborted or completed), bounded by a timeout, never by sleeping.
 */
export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  private readonly changes = new EventEmitter();
  private nextId = 1;

  constructor() {
    this.changes.setMaxListeners(0);
  }

  /** A new record for an incoming request; it joins `requests` once `add` is called. */
  create(head: RequestHead): RecordedRequest {
    return { id: this.nextId++, ...head, body: undefined, rawBody: '', aborted: false, completed: false };
  }

  add(request: RecordedRequest): void {
    this.requests.push(request);
    this.notify();
  }

  markAborted(request: RecordedRequest): void {
    request.aborted = true;
    this.notify();
  }

  markCompleted(request: RecordedRequest): void {
    request.completed = true;
    this.notify();
  }

  reset(): void {
    this.requests.length = 0;
    this.notify();
  }

  count(model?: string): number {
    if (model === undefined) {
      return this.requests.length;
    }
    return this.requests.filter((request) => modelOfRequest(request) === model).length;
  }

  waitForRequests(count: number, timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<RecordedRequest[]> {
    return this.waitUntil(
      () => (this.requests.length >= count ? [...this.requests] : undefined),
      timeoutMs,
      () => `${count} request(s); ${this.requests.length} recorded`,
    );
  }

  waitForAbort(timeoutMs = DEFAULT_WAIT_TIMEOUT_MS): Promise<RecordedRequest> {
    return this.waitUntil(
      () => this.requests.find((request) => request.aborted),
      timeoutMs,
      () => `an aborted request; ${this.requests.length} recorded, none aborted`,
    );
  }

  private notify(): void {
    this.changes.emit('change');
  }

  private waitUntil<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    return new Promise((resolve, reject) => {
      const check = (): void => {
        const result = probe();
        if (result !== undefined) {
          stop();
          resolve(result);
        }
      };
      const timer = setTimeout(() => {
        stop();
        reject(new Error(`mock-upstream: timed out after ${timeoutMs}ms waiting for ${describe()}`));
      }, timeoutMs);
      const stop = (): void => {
        clearTimeout(timer);
        this.changes.off('change', check);
      };
      this.changes.on('change', check);
      check();
    });
  }
}
