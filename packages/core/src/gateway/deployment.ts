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
