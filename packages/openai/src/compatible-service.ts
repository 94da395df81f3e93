import {
  AuthenticationError,
  BadRequestError,
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type HttpTransport,
  type PassthroughRequest,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  type RerankRequest,
  type RerankResponse,
} from '@switchyard/core';
import {
  type CompatibleEmbeddingQuirks,
  normaliseCompatibleEmbeddingResponse,
  prepareCompatibleEmbeddingBody,
} from './compatible-service-embeddings.js';
import {
  type CompatibleRequestQuirks,
  prepareCompatibleRequest,
  upstreamModel,
} from './compatible-service-request.js';
import type { CompatibleRerank } from './compatible-service-rerank.js';
import {
  type CompatibleResponseQuirks,
  normaliseCompatibleResponse,
  normaliseCompatibleStream,
} from './compatible-service-response.js';
import { createOpenAICompatible } from './openai-compatible-provider.js';

/** A header filled from a deployment parameter, else an environment variable (OpenRouter's `HTTP-Referer`). */
export interface CompatibleServiceHeader {
  name: string;
  /** litellm_params key of the deployment. */
  param: string;
  envVar?: string;
}

/** A `{placeholder}` of the base URL filled from a deployment parameter, else an environment variable. */
export interface CompatibleServiceUrlParam {
  placeholder: string;
  param: string;
  envVar?: string;
}

export type CompatibleServiceQuirks = CompatibleRequestQuirks &
  CompatibleResponseQuirks &
  CompatibleEmbeddingQuirks;

/**
 * One OpenAI-compatible service as data: where it lives, how it authenticates, what it can do and
 * where it departs from OpenAI's API. `createCompatibleService` turns it into a provider.
 */
export interface CompatibleService {
  /** litellm's provider name, the prefix in model strings (`together_ai`). */
  id: string;
  /** Default base URL with its version path; may hold `{placeholder}`s. Absent: api_base is required. */
  baseURL?: string;
  /** Environment variables read for the base URL, first set wins (litellm's `<X>_API_BASE`). */
  apiBaseEnvVars?: readonly string[];
  /** Appended to a configured base URL that lacks it (Ollama's server root + `/v1`). */
  basePath?: string;
  /** A base URL per model id matching `pattern` (`{model}` in the URL): dedicated deployments. */
  modelBaseURL?: { pattern: string; baseURL: string };
  /** Environment variables read for the API key, first set wins. */
  apiKeyEnvVars?: readonly string[];
  /** Calls without a key fail before reaching the network. */
  requiresApiKey: boolean;
  urlParams?: readonly CompatibleServiceUrlParam[];
  headers?: readonly CompatibleServiceHeader[];
  /**
   * What the service can do; `chat: false` marks a service without chat completions (embeddings
   * and rerank only): chat calls are refused with a 400 naming it, before reaching the network.
   */
  capabilities: Partial<ProviderCapabilities>;
  /** Canonical parameters the service refuses: a 400 naming them, or dropped with drop_params. */
  unsupportedParams?: readonly string[];
  quirks?: CompatibleServiceQuirks;
  /**
   * The service serves OpenAI's legacy `/completions` (its public API reference says so): `/v1/completions`
   * passes through to it instead of being bridged through chat. Without it, and for the Responses
   * API, a deployment opts in with `model_info.supported_endpoints`.
   */
  textCompletions?: boolean;
  /** The service's native rerank API, in Cohere's shape on Switchyard's side. */
  rerank?: CompatibleRerank;
}

export interface CompatibleServiceSettings {
  /** Default API key; otherwise read at call time from the service's environment variables. */
  apiKey?: string;
  /** Base URL instead of the service's default (a deployment's api_base still wins). */
  baseURL?: string;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Provider id instead of the service's (a second account of the same service). */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  /** Injected HTTP transport; by default one keep-alive pool per origin, created on first use. */
  transport?: HttpTransport;
  /** Environment read for keys, base URLs and parameters (default `process.env`), at call time. */
  env?: Record<string, string | undefined>;
}

type Env = Record<string, string | undefined>;

const trailingSlashes = /\/+$/;
/** Compiled `modelBaseURL` patterns, once per distinct pattern. */
const modelPatterns = new Map<string, RegExp>();

/** The first of `names` set (non-empty) in `env`. */
export function firstEnv(env: Env, names: readonly string[] | undefined): string | undefined {
  for (const name of names ?? []) {
    const value = env[name];
    if (value) return value;
  }
  return undefined;
}

/**
 * The base URL of one call: the deployment's api_base, the settings', the service's environment
 * variable, a per-model URL, or the default; `basePath` appended where missing and `{placeholders}`
 * filled from the deployment's params or the environment.
 */
export function resolveServiceBaseURL(
  service: CompatibleService,
  options: ProviderCallOptions,
  env: Env,
  configured?: string,
): string {
  const explicit = options.apiBase ?? configured ?? firstEnv(env, service.apiBaseEnvVars);
  let base = explicit ? withBasePath(explicit, service.basePath) : defaultBaseURL(service, options.model);
  if (!base) {
    const names = service.apiBaseEnvVars?.length
      ? ` or the ${service.apiBaseEnvVars.join(' / ')} variable`
      : '';
    throw new BadRequestError({
      message: `${service.id} has no default endpoint: set api_base on the deployment${names}`,
      param: 'api_base',
      code: 'missing_api_base',
      provider: service.id,
      model: options.model,
    });
  }
  for (const urlParam of service.urlParams ?? []) {
    const token = `{${urlParam.placeholder}}`;
    if (!base.includes(token)) continue;
    const value =
      stringParam(options, urlParam.param) ?? (urlParam.envVar ? env[urlParam.envVar] : undefined);
    if (!value) {
      throw new BadRequestError({
        message: `${service.id} needs ${urlParam.param}: set it on the deployment${urlParam.envVar ? ` or in the ${urlParam.envVar} variable` : ''}`,
        param: urlParam.param,
        code: 'missing_parameter',
        provider: service.id,
        model: options.model,
      });
    }
    base = base.replaceAll(token, encodeURIComponent(value));
  }
  return base;
}

function withBasePath(base: string, basePath: string | undefined): string {
  const trimmed = base.replace(trailingSlashes, '');
  return basePath && !trimmed.endsWith(basePath) ? `${trimmed}${basePath}` : trimmed;
}

function defaultBaseURL(service: CompatibleService, model: string): string | undefined {
  const perModel = service.modelBaseURL;
  if (!perModel) return service.baseURL;
  let pattern = modelPatterns.get(perModel.pattern);
  if (!pattern) {
    pattern = new RegExp(perModel.pattern);
    modelPatterns.set(perModel.pattern, pattern);
  }
  if (pattern.test(model)) {
    return perModel.baseURL.replaceAll('{model}', encodeURIComponent(model));
  }
  return service.baseURL;
}

function stringParam(options: ProviderCallOptions, name: string): string | undefined {
  const value = options.params?.[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A provider for one OpenAI-compatible service: OpenAI's wire format plus the service's quirks. */
export function createCompatibleService(
  service: CompatibleService,
  settings: CompatibleServiceSettings = {},
): Provider {
  const id = settings.id ?? service.id;
  const quirks = service.quirks ?? {};
  const inner = createOpenAICompatible({
    id,
    baseURL: service.baseURL ?? '',
    headers: { ...settings.headers },
    capabilities: { ...service.capabilities, ...settings.capabilities },
    ...(settings.transport ? { transport: settings.transport } : {}),
    ...(service.rerank ? { rerank: service.rerank } : {}),
    env: {},
    passthroughApis: ['openai-responses', 'openai-completions'],
  });
  // A service that declares no tool support refuses tool fields (or drops them with drop_params)
  // rather than forwarding what it cannot honour.
  const toolFields = inner.capabilities.tools ? [] : ['tools', 'tool_choice', 'parallel_tool_calls'];
  const unsupportedParams = [...new Set([...(service.unsupportedParams ?? []), ...toolFields])];
  const streamUsage = inner.capabilities.streamUsage;

  function upstreamOptions(options: ProviderCallOptions): ProviderCallOptions {
    const env = settings.env ?? process.env;
    const apiBase = resolveServiceBaseURL(service, options, env, settings.baseURL);
    const apiKey = options.apiKey ?? settings.apiKey ?? firstEnv(env, service.apiKeyEnvVars);
    if (!apiKey && service.requiresApiKey) {
      const names = service.apiKeyEnvVars?.length
        ? ` or the ${service.apiKeyEnvVars.join(' / ')} variable`
        : '';
      throw new AuthenticationError({
        message: `No API key for ${id}: set api_key on the deployment${names}`,
        provider: id,
        model: options.model,
      });
    }
    const headers: Record<string, string> = {};
    for (const header of service.headers ?? []) {
      const value = stringParam(options, header.param) ?? (header.envVar ? env[header.envVar] : undefined);
      if (value) headers[header.name] = value;
    }
    return { ...options, apiBase, apiKey, headers: { ...headers, ...options.headers } };
  }

  function prepare(request: ChatRequest, options: ProviderCallOptions): ChatRequest {
    return prepareCompatibleRequest(request, quirks, {
      provider: id,
      model: options.model,
      dropParams: options.dropParams === true,
      unsupportedParams,
    });
  }

  /** Chat refused before anything is sent, for a service without chat completions. */
  function refuseChat(options: ProviderCallOptions): void {
    if (inner.capabilities.chat) return;
    throw new BadRequestError({
      message: `Provider "${id}" does not support chat completions (model "${options.model}")${servedOperations(inner)}`,
      param: 'model',
      code: 'unsupported_operation',
      provider: id,
      model: options.model,
    });
  }

  const provider: Provider = {
    id,
    capabilities: inner.capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      refuseChat(options);
      const body = prepare(request, options);
      const response = await inner.chat(body, upstreamOptions(options));
      return normaliseCompatibleResponse(response, quirks);
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      refuseChat(options);
      let body = prepare(request, options);
      if (!streamUsage && body.stream_options != null) {
        const { stream_options: _unsupported, ...rest } = body;
        body = rest;
      }
      const stream = await inner.stream(body, upstreamOptions(options));
      return normaliseCompatibleStream(stream, quirks);
    },
    async close() {
      await inner.close?.();
    },
  };
  const innerPassthrough = inner.passthrough;
  if (innerPassthrough) {
    provider.passthrough = {
      apis: innerPassthrough.apis,
      // Legacy completions by default where the service has them; the Responses API on opt-in only.
      supports: (api) => api === 'openai-completions' && service.textCompletions === true,
      call(api: string, request: PassthroughRequest, options: ProviderCallOptions) {
        const body = request.body
          ? { ...request.body, model: upstreamModel(options.model, quirks) }
          : undefined;
        return innerPassthrough.call(
          api,
          { ...request, ...(body ? { body } : {}) },
          upstreamOptions(options),
        );
      },
    };
  }
  if (inner.capabilities.embeddings && inner.embed) {
    const embed = inner.embed;
    provider.embed = async (
      request: EmbeddingRequest,
      options: ProviderCallOptions,
    ): Promise<EmbeddingResponse> =>
      normaliseCompatibleEmbeddingResponse(
        await embed(prepareCompatibleEmbeddingBody(request, quirks), upstreamOptions(options)),
      );
  }
  if (inner.rerank) {
    const rerank = inner.rerank;
    provider.rerank = (request: RerankRequest, options: ProviderCallOptions): Promise<RerankResponse> =>
      rerank(request, upstreamOptions(options));
  }
  return provider;
}

/** What a chat-less service offers instead, for its refusal message (`; it offers embeddings and rerank`). */
function servedOperations(provider: Provider): string {
  const served: string[] = [];
  if (provider.capabilities.embeddings) served.push('embeddings');
  if (provider.rerank) served.push('rerank');
  return served.length > 0 ? `; it offers ${served.join(' and ')}` : '';
}
