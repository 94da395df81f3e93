import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleRequest } from './handle-request.js';
import type { MockRule } from './mock-rule.js';
import type { MockServerState } from './mock-server-state.js';
import { parseMockRule } from './parse-mock-rule.js';
import type { MockProvider } from './provider.js';
import type { RecordedRequest } from './recorded-request.js';
import { RequestRecorder } from './request-recorder.js';
import { RuleBook } from './rule-book.js';

export interface MockUpstreamOptions {
  /** Port to listen on; default 0 (a free port). */
  port?: number;
  /** Host to listen on; default `127.0.0.1`. */
  host?: string;
  /** When set, requests without `Authorization: Bearer <one of them>` get the provider's 401. */
  apiKeys?: string[];
}

export interface WaitOptions {
  /** Default 5000. */
  timeoutMs?: number;
}

export interface MockUpstream {
  /** Origin, e.g. `http://127.0.0.1:54321`; OpenAI's base URL is `${url}/v1`. */
  readonly url: string;
  /** Every request received (faulted and hung ones too), oldest first. */
  readonly requests: RecordedRequest[];
  /** Adds a rule; rules are matched in insertion order. Throws on an invalid rule. */
  script(rule: MockRule): void;
  /** Clears rules, recorded requests and stored objects (responses). */
  reset(): void;
  /** All requests, or those for `model` (named in the path, else the JSON body's `model`). */
  requestCount(model?: string): number;
  /** Resolves when at least `count` requests are recorded; rejects on timeout. */
  waitForRequests(count: number, options?: WaitOptions): Promise<RecordedRequest[]>;
  /** Resolves when some recorded request is (or becomes) aborted by the client; rejects on timeout. */
  waitForAbort(options?: WaitOptions): Promise<RecordedRequest>;
  /** Closes the server and destroys open sockets. */
  close(): Promise<void>;
}

export interface MockServerSetup {
  providers: readonly MockProvider[];
  fallbackProvider: MockProvider;
}

/** Starts a mock upstream serving `setup`'s providers over real HTTP. */
export async function startMockServer(
  setup: MockServerSetup,
  options: MockUpstreamOptions = {},
): Promise<MockUpstream> {
  const state: MockServerState = {
    ...setup,
    recorder: new RequestRecorder(),
    rules: new RuleBook(),
    apiKeys: options.apiKeys,
    openChannels: new Set(),
    objects: new Map(),
  };
  const server = createServer((request, response) => {
    handleRequest(state, request, response).catch((error: unknown) => {
      process.emitWarning(
        `mock-upstream: request failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      response.destroy();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await listen(server, options.port ?? 0, host);
  const { port } = server.address() as AddressInfo;
  return createHandle(state, server, `http://${host.includes(':') ? `[${host}]` : host}:${port}`);
}

function createHandle(state: MockServerState, server: Server, url: string): MockUpstream {
  const { recorder, rules } = state;
  let closing: Promise<void> | undefined;
  return {
    url,
    get requests() {
      return recorder.requests;
    },
    script(rule) {
      const parsed = parseMockRule(rule);
      if (!parsed.ok) {
        throw new TypeError(parsed.error);
      }
      rules.add(parsed.rule);
    },
    reset() {
      rules.clear();
      recorder.reset();
      state.objects.clear();
    },
    requestCount: (model) => recorder.count(model),
    waitForRequests: (count, waitOptions) => recorder.waitForRequests(count, waitOptions?.timeoutMs),
    waitForAbort: (waitOptions) => recorder.waitForAbort(waitOptions?.timeoutMs),
    close() {
      closing ??= closeServer(state, server);
      return closing;
    },
  };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function closeServer(state: MockServerState, server: Server): Promise<void> {
  for (const channel of state.openChannels) {
    channel.markClosedByServer();
  }
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
