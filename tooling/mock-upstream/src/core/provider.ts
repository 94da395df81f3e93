import type { MockRule } from './mock-rule.js';
import type { RecordedRequest } from './recorded-request.js';
import type { ResponseChannel } from './response-channel.js';

/** An error answer in a provider's wire format. */
export interface ErrorReply {
  status: number;
  body: unknown;
}

/** What a provider needs to build the default error body for a scripted status. */
export interface ErrorBodyContext {
  status: number;
  method: string;
  path: string;
  model: string | undefined;
}

/** Everything a route handler needs to answer one request. */
export interface RouteContext {
  readonly request: RecordedRequest;
  /** The scripted rule applied to this request, if any. */
  readonly rule: MockRule | undefined;
  /** Values of `:name` segments in the route's path. */
  readonly params: Record<string, string>;
  readonly channel: ResponseChannel;
  readonly provider: MockProvider;
}

export interface MockRoute {
  method: string;
  /** Path after the provider's prefix, e.g. `/chat/completions` or `/models/:model`. */
  path: string;
  handle(context: RouteContext): Promise<void>;
}

/**
 * One provider's wire format: its routes, error bodies and authentication. Adding a provider means
 * adding a module under `src/providers/<name>/` that exports one of these; the core stays unchanged.
 */
export interface MockProvider {
  readonly name: string;
  /** Path prefixes tried in order; `''` makes the prefix optional (OpenAI: `['/v1', '']`). */
  readonly pathPrefixes: readonly string[];
  readonly routes: readonly MockRoute[];
  /** The provider's real error body for a status, used when a rule sets `status` without `errorBody`. */
  errorBody(context: ErrorBodyContext): unknown;
  invalidJson(): ErrorReply;
  routeNotFound(method: string, path: string): ErrorReply;
  /** An error when the request lacks one of `apiKeys`, undefined when it is allowed. */
  authenticate(headers: Record<string, string>, apiKeys: readonly string[]): ErrorReply | undefined;
  /** Headers the provider sends on every response (request ids, versions). */
  responseHeaders(request: RecordedRequest): Record<string, string>;
}
