/**
 * One concrete way to serve a public model name: a provider, its upstream model and the
 * credentials and endpoint to use (litellm's `model_list` entry, typed).
 */
export interface ModelDeployment {
  /** The name clients send (`model_name`); may end with `*` to match a family (`openai/*`). */
  modelName: string;
  /** Provider id (the prefix of `litellm_params.model`). */
  provider: string;
  /** Upstream model id; a trailing `*` is replaced by what the wildcard matched. */
  model: string;
  apiKey?: string;
  apiBase?: string;
  apiVersion?: string;
  headers?: Record<string, string>;
  /** Total deadline for one call, in ms. */
  timeoutMs?: number;
  /** Streams: deadline for the first chunk, in ms (litellm's `stream_timeout`). */
  streamTimeoutMs?: number;
  /** Streams: longest silence between two chunks, in ms (default: `streamTimeoutMs`). */
  streamIdleTimeoutMs?: number;
  /** Requests per minute this deployment takes (litellm's `rpm`): routing weight and limit. */
  rpm?: number;
  /** Tokens per minute this deployment takes (litellm's `tpm`): routing weight and limit. */
  tpm?: number;
  /** Share of traffic under `simple-shuffle` relative to the group's other deployments. */
  weight?: number;
  /** Tags for tag-based routing (`default` marks the deployments for untagged requests). */
  tags?: ReadonlyArray<string>;
  /** Retries on this deployment's group (litellm's per-deployment `max_retries`). */
  maxRetries?: number;
  /** Remaining provider parameters, forwarded to the provider. */
  params?: Record<string, unknown>;
  /** Per-deployment metadata and price overrides (`model_info`, litellm names). */
  modelInfo?: Record<string, unknown>;
  /** Stable id (model_info.id), for logs and headers. */
  id?: string;
}

/** A deployment picked for one request, with the upstream model already resolved. */
export interface ResolvedDeployment {
  deployment: ModelDeployment;
  /** Upstream model id for this request (wildcards expanded). */
  model: string;
}
