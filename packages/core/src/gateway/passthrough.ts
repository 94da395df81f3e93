import { BadGatewayError, BadRequestError } from '../errors/error-classes.js';
import type {
  PassthroughReading,
  PassthroughRequest,
  PassthroughResponse,
  Provider,
  ProviderCallOptions,
} from '../provider.js';
import type { Usage } from '../schemas/usage.js';
import type { CallInfo, CallOutcome } from './call-info.js';
import type { AttemptDone } from './call-runner.js';
import type { CompletionOptions } from './create-switchyard.js';
import type { ResolvedDeployment } from './deployment.js';

/** A deployment picked for a call, with its provider. */
export interface PassthroughTarget {
  resolved: ResolvedDeployment;
  provider: Provider;
}

/** What the pass-through path needs from the gateway that hosts it. */
export interface PassthroughHost {
  /** The deployment for a requested model name (NotFoundError when unknown). */
  target(model: string): PassthroughTarget;
  callOptions(
    resolved: ResolvedDeployment,
    call: CompletionOptions,
    requestDropParams?: unknown,
  ): ProviderCallOptions;
  report(
    call: CompletionOptions,
    base: Omit<CallInfo, 'outcome' | 'durationMs' | 'cost'>,
    outcome: CallOutcome,
    usage: Usage | undefined,
    error?: unknown,
  ): void;
  now(): number;
  /**
   * Routes a call over the deployments of `model` that take `api` natively (retries, fallbacks,
   * cooldowns, the trace); undefined, without calling anything, when the model's first deployment
   * does not take it (the caller translates instead).
   */
  routeNative<T>(
    api: string,
    model: string,
    call: CompletionOptions,
    /** The client's body: its `drop_params` and `stream` matter here. */
    body: Record<string, unknown>,
    run: (target: PassthroughTarget, options: ProviderCallOptions, hold: () => AttemptDone) => Promise<T>,
  ): Promise<T> | undefined;
}

/** The gateway's own endpoints of the known wire APIs, as litellm's `model_info.supported_endpoints` names them. */
const endpointOfApi: Readonly<Record<string, string>> = {
  'anthropic-messages': '/v1/messages',
  'openai-responses': '/v1/responses',
  'openai-completions': '/v1/completions',
};

/**
 * Whether a deployment takes `api` natively: its provider must pass that API through; then the
 * deployment's `model_info.supported_endpoints` decides when it is set (litellm's opt-in, e.g.
 * `["/v1/chat/completions", "/v1/responses"]`), else the provider's default for that deployment.
 */
export function takesNatively(api: string, target: PassthroughTarget, options: ProviderCallOptions): boolean {
  const passthrough = target.provider.passthrough;
  if (!passthrough?.apis.includes(api)) return false;
  const declared = target.resolved.deployment.modelInfo?.supported_endpoints;
  const endpoint = endpointOfApi[api];
  if (endpoint !== undefined && Array.isArray(declared)) {
    return declared.some((item) => item === endpoint || item === endpoint.slice('/v1'.length));
  }
  return passthrough.supports?.(api, options) ?? true;
}

/**
 * The body as the upstream gets it, translated or passed through: the upstream model id, without
 * the gateway's own fields (`drop_params`, and `cache`: litellm's per-request cache controls) and
 * without the deployment's `additional_drop_params` (litellm's list of fields always removed for
 * that deployment).
 */
export function upstreamBody<T extends object>(body: T, resolved: ResolvedDeployment): T {
  const out: Record<string, unknown> = { ...body, model: resolved.model };
  delete out.drop_params;
  delete out.cache;
  const always = resolved.deployment.params?.additional_drop_params;
  if (Array.isArray(always)) for (const name of always) if (typeof name === 'string') delete out[name];
  return out as T;
}

export interface SendOptions {
  /** Report the call to `onCall` (model calls); reads and deletions of stored objects are not. */
  report: boolean;
  /** The model name the client asked for (default the deployment's). */
  requestedModel?: string;
  /** Called once with the id of the object the call created, before the bytes that carry it go on. */
  onId?: (id: string) => Promise<void> | void;
  /** The options the router built for this attempt (default: the deployment's own). */
  options?: ProviderCallOptions;
  /** Keeps the router's attempt open until the body ends (in-flight count, latency, failures). */
  hold?: () => AttemptDone;
}

/** One pass-through call to a chosen deployment, read for accounting and reported when it ends. */
export async function sendPassthrough(
  host: PassthroughHost,
  api: string,
  request: PassthroughRequest,
  target: PassthroughTarget,
  call: CompletionOptions,
  send: SendOptions,
): Promise<PassthroughResponse> {
  const { resolved, provider } = target;
  const passthrough = provider.passthrough;
  if (!passthrough) throw new Error(`Provider "${provider.id}" has no pass-through`);
  const base = {
    requestedModel: send.requestedModel ?? resolved.deployment.modelName,
    deployment: resolved.deployment,
    provider: provider.id,
    model: resolved.model,
    stream: request.stream,
    startedAt: host.now(),
    api,
  };
  const outcomeOf = (): CallOutcome => (call.signal?.aborted ? 'aborted' : 'error');
  let response: PassthroughResponse;
  try {
    response = await passthrough.call(
      api,
      request,
      send.options ?? host.callOptions(resolved, call, request.body?.drop_params),
    );
  } catch (error) {
    if (send.report) host.report(call, base, outcomeOf(), undefined, error);
    throw error;
  }
  const reading = response.reading ?? {};
  const done = send.hold?.();
  const onEnd = (outcome: CallOutcome, error: unknown) => {
    if (!send.report && !done) return;
    const failure =
      error ??
      (reading.failure !== undefined
        ? new BadGatewayError({
            message: reading.failure,
            provider: provider.id,
            model: resolved.model,
            code: 'upstream_stream_error',
          })
        : undefined);
    done?.({
      ...(failure !== undefined ? { error: failure } : {}),
      ...(reading.usage ? { usage: reading.usage } : {}),
    });
    if (!send.report) return;
    host.report(
      call,
      base,
      failure !== undefined && outcome === 'success' ? 'error' : outcome,
      reading.usage,
      failure,
    );
  };
  return { ...response, body: relayPassthrough(response.body, reading, send.onId, onEnd, outcomeOf) };
}

async function* relayPassthrough(
  body: AsyncIterable<Uint8Array>,
  reading: PassthroughReading,
  onId: SendOptions['onId'],
  onEnd: (outcome: CallOutcome, error: unknown) => void,
  outcomeOf: () => CallOutcome,
): AsyncGenerator<Uint8Array> {
  let idSeen = onId === undefined;
  const noteId = async () => {
    if (idSeen || reading.id === undefined) return;
    idSeen = true;
    try {
      await onId!(reading.id);
    } catch {
      // The answer still reaches the client; only later calls on this id will not find it.
    }
  };
  let ended = false;
  try {
    for await (const chunk of body) {
      await noteId();
      yield chunk;
    }
    await noteId();
    ended = true;
    onEnd('success', undefined);
  } catch (error) {
    ended = true;
    onEnd(outcomeOf(), error);
    throw error;
  } finally {
    if (!ended) onEnd('aborted', undefined);
  }
}

/**
 * The gateway's generic pass-through: the deployment for the body's `model`, when it takes `api`
 * natively, gets the body (model id replaced) and its answer comes back unchanged; undefined when
 * it does not, so the caller translates instead.
 */
export async function passthroughToModel(
  host: PassthroughHost,
  api: string,
  request: PassthroughRequest,
  call: CompletionOptions,
): Promise<PassthroughResponse | undefined> {
  const body = request.body ?? {};
  const model = body.model;
  if (typeof model !== 'string' || model === '') {
    throw new BadRequestError({
      message: 'The request needs a model.',
      param: 'model',
      code: 'missing_model',
    });
  }
  return host.routeNative(api, model, call, body, (target, options, hold) => {
    const upstream = { ...request, body: upstreamBody(body, target.resolved) };
    return sendPassthrough(host, api, upstream, target, call, {
      report: true,
      requestedModel: model,
      options,
      hold,
    });
  });
}
