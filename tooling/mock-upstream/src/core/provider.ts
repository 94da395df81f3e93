import type { EventStreamFrame } from './event-stream.js';
import type { MockRule } from './mock-rule.js';
import type { RecordedRequest } from './recorded-request.js';
import type { ResponseChannel } from './response-channel.js';

/** An error answer in a provider's wire format. */
export interface ErrorReply {
  status: number;
  body: unknown;
  /** Headers that belong to this error (Bedrock names the error type in `x-amzn-errortype`). */
  headers?: Record<string, string>;
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
  /** Objects stateful routes keep between requests (stored responses), by id. */
  readonly objects: Map<string, unknown>;
}

export interface MockRoute {
  method: string;
  /** Path after the provider's prefix, e.g. `/chat/completions` or `/models/:model`. */
  path: string;
  /**
   * For providers with the model in the URL (Azure deployments, Gemini models): the model named by
   * the path parameters, used by `match.model` and `requestCount(model)` instead of the body's.
   */
  modelFromPath?(params: Record<string, string>): string | undefined;
  /** The route reads `rawBody` itself (form posts such as an OAuth token endpoint): no JSON required. */
  rawBody?: boolean;
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
  /**
   * An error when the request lacks one of `apiKeys`, undefined when it is allowed. `request` (path,
   * query, raw body) is there for providers that verify a signature over the whole request (SigV4).
   */
  authenticate(
    headers: Record<string, string>,
    apiKeys: readonly string[],
    request: RecordedRequest,
  ): ErrorReply | undefined;
  /** Headers the provider sends on every response (request ids, versions). */
  responseHeaders(request: RecordedRequest): Record<string, string>;
  /** Headers that go with a scripted error status (Bedrock's `x-amzn-errortype`); none by default. */
  errorHeaders?(context: ErrorBodyContext): Record<string, string>;
  /**
   * The frame a stream carries when it fails after it started (a rule's `streamErrorStatus`);
   * providers without one ignore that rule field.
   */
  streamError?(context: ErrorBodyContext): EventStreamFrame;
}
