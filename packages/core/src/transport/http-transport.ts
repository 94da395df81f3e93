import type { Dispatcher } from 'undici';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { Deadline } from './deadline.js';
import { mapTransportError } from './map-transport-error.js';

export interface HttpTransportOptions {
  /** TCP + TLS connect deadline. Default 10 s. */
  connectTimeoutMs?: number;
  /** How long an idle pooled connection is kept. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Upper bound on sockets per upstream origin. Default: unbounded. */
  connectionsPerOrigin?: number;
  /** Deadline for the response headers (time to first byte). Default 300 s. */
  headersTimeoutMs?: number;
  /** Longest silence allowed between body chunks. Default 300 s. */
  idleTimeoutMs?: number;
  /** Injected dispatcher (tests, proxies); when given the options above are not used. */
  dispatcher?: Dispatcher;
}

export interface TransportRequest {
  url: string;
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
  /** Total deadline, covering the body (a whole stream). */
  timeoutMs?: number;
}

export interface TransportResponse {
  status: number;
  /** Lower-cased names; repeated headers joined with `, `. */
  headers: Record<string, string>;
  /** The body; errors are mapped to core errors and the deadline is released when it ends. */
  body: AsyncIterable<Uint8Array>;
  /** Reads the whole body as text, refusing more than `maxBytes` (default 64 MiB). */
  text(maxBytes?: number): Promise<string>;
  /** Drops the body without reading it, freeing the connection. */
  dispose(): void;
}

/** Upstream HTTP over undici's pooled dispatcher: one keep-alive pool per origin, Nagle off. */
export interface HttpTransport {
  request(request: TransportRequest): Promise<TransportResponse>;
  close(): Promise<void>;
}

export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  // undici is loaded with the first request, not when this module is: it is a third of the time
  // `import('@switchyard/core')` takes, and a process that never calls upstream need not pay it.
  let dispatcher: Dispatcher | undefined = options.dispatcher;
  let creating: Promise<Dispatcher> | undefined;
  let closed = false;
  const create = () =>
    (creating ??= import('undici').then(({ Agent }) => {
      dispatcher = new Agent({
        connect: { timeout: options.connectTimeoutMs ?? 10_000, noDelay: true },
        keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
        keepAliveMaxTimeout: 600_000,
        headersTimeout: options.headersTimeoutMs ?? 300_000,
        bodyTimeout: options.idleTimeoutMs ?? 300_000,
        ...(options.connectionsPerOrigin ? { connections: options.connectionsPerOrigin } : {}),
      });
      return dispatcher;
    }));
  return {
    request: (request) => {
      if (dispatcher) return send(dispatcher, request);
      if (closed) return Promise.reject(closedError(request.url));
      return create().then((created) => send(created, request));
    },
    close: async () => {
      closed = true;
      if (options.dispatcher) return;
      const created = dispatcher ?? (await creating);
      await created?.close();
    },
  };
}

function closedError(url: string): SwitchyardError {
  return new SwitchyardError({
    message: `The transport to ${new URL(url).origin} is closed`,
    status: 500,
    type: 'server_error',
    code: 'transport_closed',
  });
}

async function send(dispatcher: Dispatcher, request: TransportRequest): Promise<TransportResponse> {
  const url = new URL(request.url);
  const deadline = new Deadline(request.signal, request.timeoutMs, url.origin);
  let response: Dispatcher.ResponseData;
  try {
    response = await dispatcher.request({
      origin: url.origin,
      path: `${url.pathname}${url.search}`,
      method: request.method ?? 'POST',
      headers: request.headers,
      body: request.body,
      signal: deadline.signal,
    });
  } catch (error) {
    deadline.dispose();
    throw mapTransportError(error, deadline, url.origin);
  }
  return wrapResponse(response, deadline, url.origin);
}

function wrapResponse(
  response: Dispatcher.ResponseData,
  deadline: Deadline,
  origin: string,
): TransportResponse {
  const raw = response.body;
  let consumed = false;
  async function* body(): AsyncGenerator<Uint8Array> {
    consumed = true;
    try {
      for await (const chunk of raw) yield chunk as Uint8Array;
    } catch (error) {
      throw mapTransportError(error, deadline, origin);
    } finally {
      deadline.dispose();
      if (!raw.readableEnded) raw.destroy();
    }
  }
  const iterable = body();
  return {
    status: response.statusCode,
    headers: normaliseHeaders(response.headers),
    body: iterable,
    async text(maxBytes = 64 * 1024 * 1024) {
      const parts: Uint8Array[] = [];
      let size = 0;
      for await (const chunk of iterable) {
        size += chunk.byteLength;
        if (size > maxBytes) throw tooLarge(origin, maxBytes);
        parts.push(chunk);
      }
      return Buffer.concat(parts).toString('utf8');
    },
    dispose() {
      if (!consumed) {
        deadline.dispose();
        raw.destroy();
      } else {
        void iterable.return(undefined);
      }
    },
  };
}

function tooLarge(origin: string, maxBytes: number): SwitchyardError {
  return new SwitchyardError({
    message: `Upstream ${origin} sent a body larger than ${maxBytes} bytes`,
    status: 502,
    type: 'server_error',
    code: 'upstream_body_too_large',
  });
}

function normaliseHeaders(headers: Dispatcher.ResponseData['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}
