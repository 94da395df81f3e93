const marker = Symbol.for('switchyard.error');

/** Where an error came from and what the router may do with it. */
export interface SwitchyardErrorOptions {
  message: string;
  /** HTTP status the proxy answers with. */
  status?: number;
  /** OpenAI error `type`, e.g. `invalid_request_error`. */
  type?: string;
  /** OpenAI error `code`, e.g. `context_length_exceeded`. */
  code?: string | null;
  /** The request field at fault, e.g. `messages[0].content`. */
  param?: string | null;
  provider?: string;
  model?: string;
  /** Status the upstream answered with, when the error came from upstream. */
  upstreamStatus?: number;
  retryable?: boolean;
  /** How long the upstream asked us to wait before retrying. */
  retryAfterMs?: number;
  /** Upstream response headers (already free of secrets). */
  headers?: Record<string, string>;
  /** Upstream response body text (already redacted). */
  body?: string;
  cause?: unknown;
}

/**
 * Base of every error Switchyard raises. `isInstance` recognises errors from other copies of this
 * package (two versions installed side by side) through a `Symbol.for` marker.
 */
export class SwitchyardError extends Error {
  readonly status: number;
  readonly type: string;
  readonly code: string | null;
  readonly param: string | null;
  readonly provider: string | undefined;
  readonly model: string | undefined;
  readonly upstreamStatus: number | undefined;
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly headers: Record<string, string> | undefined;
  readonly body: string | undefined;

  constructor(options: SwitchyardErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    Object.defineProperty(this, marker, { value: true });
    this.status = options.status ?? 500;
    this.type = options.type ?? 'server_error';
    this.code = options.code ?? null;
    this.param = options.param ?? null;
    this.provider = options.provider;
    this.model = options.model;
    this.upstreamStatus = options.upstreamStatus;
    this.retryable = options.retryable ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.headers = options.headers;
    this.body = options.body;
  }

  static isInstance(value: unknown): value is SwitchyardError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[marker] === true;
  }
}
