import type { ServerResponse } from 'node:http';

export interface ResponseChannelEvents {
  /** The client closed the connection before the response ended. */
  onAbort(): void;
  /** The response was written completely. */
  onComplete(): void;
}

/**
 * One response's lifecycle: writes that respect backpressure, waits that end early when the
 * connection closes, and the difference between a client abort and the server hanging up itself.
 */
export class ResponseChannel {
  /** Resolves when the response closes, whether finished, aborted or dropped. */
  readonly closed: Promise<void>;
  private open = true;
  private closedByServer = false;

  constructor(
    private readonly response: ServerResponse,
    events: ResponseChannelEvents,
  ) {
    this.closed = new Promise((resolve) => {
      response.once('close', () => {
        this.open = false;
        if (!response.writableFinished && !this.closedByServer) {
          events.onAbort();
        }
        resolve();
      });
    });
    response.once('finish', () => events.onComplete());
  }

  /** False once the connection is closed or the response has ended. */
  get isOpen(): boolean {
    return this.open && !this.response.writableEnded;
  }

  get headersSent(): boolean {
    return this.response.headersSent;
  }

  writeHead(status: number, headers: Record<string, string>): void {
    if (this.isOpen) {
      this.response.writeHead(status, headers);
    }
  }

  /** Writes a chunk; when the socket buffer is full, waits for `drain` (or close). False if closed. */
  async write(chunk: string | Uint8Array): Promise<boolean> {
    if (!this.isOpen) {
      return false;
    }
    if (!this.response.write(chunk)) {
      await this.untilClosedOr('drain');
    }
    return this.isOpen;
  }

  end(chunk?: string | Uint8Array): void {
    if (this.isOpen) {
      this.response.end(chunk);
    }
  }

  /** Waits `ms`; resolves false early if the connection closes meanwhile. */
  pause(ms: number): Promise<boolean> {
    if (!this.isOpen) {
      return Promise.resolve(false);
    }
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.response.off('close', onClose);
        resolve(this.isOpen);
      }, ms);
      const onClose = (): void => {
        clearTimeout(timer);
        resolve(false);
      };
      this.response.once('close', onClose);
    });
  }

  /** Never answers: resolves only when the client aborts or the server closes. */
  hang(): Promise<void> {
    return this.closed;
  }

  /** Destroys the socket without a response; not counted as a client abort. */
  drop(): void {
    this.closedByServer = true;
    this.response.socket?.destroy();
    this.response.destroy();
  }

  /** The server is shutting down: closing this connection is not a client abort. */
  markClosedByServer(): void {
    this.closedByServer = true;
  }

  private untilClosedOr(event: string): Promise<void> {
    return new Promise((resolve) => {
      const done = (): void => {
        this.response.off(event, done);
        this.response.off('close', done);
        resolve();
      };
      this.response.once(event, done);
      this.response.once('close', done);
    });
  }
}
