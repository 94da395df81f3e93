import type { ChatRequest } from '../schemas/chat-request.js';
import type { Usage } from '../schemas/usage.js';
import type { ModelDeployment, ResolvedDeployment } from './deployment.js';

/** The operation being routed (retry policies, pre-call checks and stats may differ per kind). */
export type CallKind =
  | 'chat'
  | 'text_completion'
  | 'embedding'
  | 'moderation'
  | 'image_generation'
  | 'rerank'
  | 'speech'
  | 'transcription'
  | 'responses'
  | 'passthrough';

/** What the router needs to know about one call to pick deployments for it. */
export interface RouteRequest {
  /** The model name the caller asked for (a model group, an alias, or `provider/model`). */
  model: string;
  kind: CallKind;
  stream: boolean;
  /** The chat request, for pre-call checks (prompt size, tools, images, response_format). */
  chat?: ChatRequest;
  /** Request tags (tag-based routing picks deployments whose `tags` match). */
  tags?: ReadonlyArray<string>;
  /** Per-request fallback model groups (the body's `fallbacks`), tried after the group's own. */
  fallbacks?: ReadonlyArray<string>;
  /** Per-request override of `num_retries`. */
  numRetries?: number;
  /** Per-request total deadline in ms (overrides the deployment's). */
  timeoutMs?: number;
  /** The caller's cancellation: stops retries and fallbacks too. */
  signal?: AbortSignal;
  /**
   * Only deployments this accepts are tried (e.g. pass-through needs a provider that speaks the
   * inbound API); the others are skipped as if they were not in the group.
   */
  accept?: (resolved: ResolvedDeployment) => boolean;
}

/** The time limits one attempt runs under, in ms (undefined: none). */
export interface AttemptTimeouts {
  /** The whole call, a stream included. */
  totalMs?: number;
  /** Until the first chunk of a stream (litellm's `stream_timeout`). */
  firstChunkMs?: number;
  /** Longest silence between two chunks of a stream. */
  idleMs?: number;
}

/** How an attempt ended, reported by the gateway so the router can keep its statistics. */
export interface AttemptEnd {
  /** Set when the attempt failed (before or after the first chunk). */
  error?: unknown;
  usage?: Usage;
}

/** One try on one deployment. */
export interface Attempt {
  resolved: ResolvedDeployment;
  /** Aborted when the caller aborts or when this attempt's total timeout passes. */
  signal: AbortSignal;
  timeouts: AttemptTimeouts;
  /** 0 for the first try, counting retries and fallbacks. */
  index: number;
  /**
   * For streams: keeps the attempt open after its promise resolved (the deployment stays counted
   * as busy, latency and failures are recorded when the stream ends). Returns the function to call
   * exactly once when the stream ends. Without `hold`, the attempt ends when its promise settles.
   */
  hold(): (end: AttemptEnd) => void;
  /** Usage of a non-streamed answer, for tokens-per-minute accounting and cost-based stats. */
  reportUsage(usage: Usage): void;
}

/** The result of a routed call and who produced it. */
export interface RouteResult<T> {
  value: T;
  deployment: ModelDeployment;
  /** Upstream model id used. */
  model: string;
  /** Tries made, the successful one included. */
  attempts: number;
  /** Tries after the first within a model group (retries), over every group tried. */
  retries: number;
  /** Fallback model groups tried after the requested one. */
  fallbacks: number;
}

/**
 * Decides which deployment serves each call and wraps the call with retries, fallbacks,
 * cooldowns and timeouts. The gateway owns the provider call; the router owns the decisions.
 */
export interface Router {
  route<T>(request: RouteRequest, attempt: (attempt: Attempt) => Promise<T>): Promise<RouteResult<T>>;
  /** A deployment for `model` without routing side effects (NotFoundError for an unknown model). */
  resolve(model: string): ResolvedDeployment;
  /** Public model names (groups, aliases, wildcards), in configuration order. */
  names(): string[];
  deploymentsOf(name: string): ReadonlyArray<ModelDeployment>;
  close?(): Promise<void>;
}

/** What a router is built from: the gateway passes its deployments and clock. */
export interface RouterContext {
  deployments: ReadonlyArray<ModelDeployment>;
  providerIds: ReadonlySet<string>;
  /** Accept `provider/model` for models that are not listed. */
  allowUnlisted: boolean;
  now: () => number;
  /** Total deadline of a call when neither the request nor the deployment sets one, in ms. */
  defaultTimeoutMs: number;
}

export type RouterFactory = (context: RouterContext) => Router;

/**
 * Filled by the gateway while it serves a call, before the answer (or the stream) is returned, so
 * a server can put it in response headers.
 */
export interface CallTrace {
  /** The deployment that answered. */
  deployment?: ModelDeployment;
  /** Upstream model id used. */
  model?: string;
  /** Tries made (retries and fallbacks included). */
  attempts?: number;
  /** Retries within a model group. */
  retries?: number;
  /** Fallback model groups tried. */
  fallbacks?: number;
  /** The answer came from the response cache. */
  cacheHit?: boolean;
  /** The cache entry's key, on a hit (the proxy's `x-litellm-cache-key`). */
  cacheKey?: string;
}
