import { BadRequestError, NotFoundError } from '../errors/error-classes.js';
import { SwitchyardError } from '../errors/switchyard-error.js';
import type { CompletionOptions } from '../gateway/create-switchyard.js';
import type { ModelDeployment } from '../gateway/deployment.js';
import { sameUpstreamAccount } from '../gateway/deployment-key.js';
import {
  type PassthroughHost,
  type PassthroughTarget,
  type SendOptions,
  sendPassthrough,
  upstreamBody,
} from '../gateway/passthrough.js';
import type { PassthroughRequest, PassthroughResponse, Provider } from '../provider.js';
import { continuedFrom } from './continue-natively.js';
import type { ResponseStore, UpstreamResponseRef } from './response-store.js';

// The Responses API passed through to deployments that speak it natively (OpenAI, Azure). Such a
// response lives upstream, so the gateway remembers which deployment created each one and sends
// every later call on it (retrieve, delete, input items, cancel, previous_response_id) there.

const api = 'openai-responses';

/** An operation on a stored response, as `GET /responses/{id}` and its siblings name them. */
export type ResponseOperation =
  | { kind: 'retrieve'; query?: Record<string, string | ReadonlyArray<string>>; stream?: boolean }
  | { kind: 'delete' }
  | { kind: 'input_items'; query?: Record<string, string | ReadonlyArray<string>> }
  | { kind: 'cancel' };

export interface NativeResponsesOptions {
  host: PassthroughHost;
  store: ResponseStore;
  /** The configured deployments, to find the one that created a response. */
  deployments: ReadonlyArray<ModelDeployment>;
  provider(id: string): Provider | undefined;
  /** Unlisted `provider/model` deployments are rebuilt from the reference when allowed. */
  allowUnlisted: boolean;
  deploymentKey(deployment: ModelDeployment): string;
}

export interface NativeResponses {
  /** Creates a response natively when the target deployment takes it; undefined to bridge instead. */
  create(request: PassthroughRequest, call: CompletionOptions): Promise<PassthroughResponse | undefined>;
  /** Forwards an operation on a response stored upstream; undefined when the id is not one. */
  operation(
    id: string,
    operation: ResponseOperation,
    call: CompletionOptions,
  ): Promise<PassthroughResponse | undefined>;
}

function previousIdOf(body: Record<string, unknown>): string | undefined {
  const value = body.previous_response_id;
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    throw new BadRequestError({
      message: "Invalid 'previous_response_id': expected a non-empty string.",
      param: 'previous_response_id',
      code: 'invalid_type',
    });
  }
  return value;
}

function requestPart(operation: ResponseOperation, id: string): PassthroughRequest {
  const path = `/${encodeURIComponent(id)}`;
  switch (operation.kind) {
    case 'retrieve':
      return {
        method: 'GET',
        path,
        stream: operation.stream === true,
        ...(operation.query ? { query: operation.query } : {}),
      };
    case 'delete':
      return { method: 'DELETE', path, stream: false };
    case 'input_items':
      return {
        method: 'GET',
        path: `${path}/input_items`,
        stream: false,
        ...(operation.query ? { query: operation.query } : {}),
      };
    case 'cancel':
      return { method: 'POST', path: `${path}/cancel`, stream: false };
  }
}

export function createNativeResponses(options: NativeResponsesOptions): NativeResponses {
  const { host, store, deploymentKey } = options;
  const byKey = new Map<string, ModelDeployment>();
  for (const deployment of options.deployments) byKey.set(deploymentKey(deployment), deployment);

  /** The deployment that created a response, as configured now; undefined when it is gone. */
  function targetOf(ref: UpstreamResponseRef): PassthroughTarget | undefined {
    let deployment = byKey.get(ref.deployment);
    if (!deployment && options.allowUnlisted) {
      const unlisted = { modelName: ref.requestedModel, provider: ref.provider, model: ref.model };
      if (deploymentKey(unlisted) === ref.deployment) deployment = unlisted;
    }
    const provider = deployment && options.provider(deployment.provider);
    if (!deployment || !provider?.passthrough?.apis.includes(api)) return undefined;
    return { resolved: { deployment, model: ref.model }, provider };
  }

  /**
   * Where a continuation of a response stored upstream goes: the same deployment when the same
   * model name is asked for; another deployment of the same upstream account (provider, endpoint,
   * key) when the client switches models, since the account shares its stored responses; nowhere
   * else, as no other upstream can read that conversation.
   */
  function continuationTarget(
    ref: UpstreamResponseRef,
    previousId: string,
    model: string,
  ): PassthroughTarget {
    const pinned = targetOf(ref);
    if (!pinned) {
      throw new NotFoundError({
        message: `Previous response with id '${previousId}' not found: the deployment that stored it is no longer configured.`,
        param: 'previous_response_id',
        code: 'previous_response_not_found',
      });
    }
    if (model === ref.requestedModel) return pinned;
    const target = host.target(model);
    if (
      target.provider.passthrough?.apis.includes(api) &&
      sameUpstreamAccount(target.resolved.deployment, pinned.resolved.deployment)
    ) {
      return target;
    }
    throw new BadRequestError({
      message: `Previous response '${previousId}' is stored upstream by the deployment behind model '${ref.requestedModel}', which model '${model}' cannot reach. Continue with '${ref.requestedModel}' (or a model on the same upstream account), or send the earlier turns as input items.`,
      param: 'previous_response_id',
      code: 'previous_response_unreachable',
    });
  }

  return {
    async create(request, call) {
      const body = request.body ?? {};
      const model = body.model;
      if (typeof model !== 'string' || model === '') {
        throw new BadRequestError({
          message: 'The request needs a model.',
          param: 'model',
          code: 'missing_model',
        });
      }
      const previousId = previousIdOf(body);
      const ref = previousId === undefined ? undefined : await store.getUpstream(previousId);
      const send = (
        target: PassthroughTarget,
        input: Record<string, unknown>,
        routed?: Pick<SendOptions, 'options' | 'hold'>,
      ) => {
        const created: UpstreamResponseRef = {
          deployment: deploymentKey(target.resolved.deployment),
          requestedModel: model,
          provider: target.provider.id,
          model: target.resolved.model,
        };
        const upstream = { ...request, body: upstreamBody(input, target.resolved) };
        return sendPassthrough(host, api, upstream, target, call, {
          report: true,
          requestedModel: model,
          ...routed,
          ...(body.store === false ? {} : { onId: (id: string) => store.putUpstream(id, created) }),
        });
      };
      // A continuation goes where the conversation is stored, without routing.
      if (ref && previousId !== undefined) return send(continuationTarget(ref, previousId, model), body);
      // A conversation the chat bridge stored is unknown upstream: send its turns as input.
      const bridged = previousId === undefined ? undefined : await store.get(previousId);
      const sent = bridged ? continuedFrom(body, bridged) : body;
      return host.routeNative(api, model, call, body, (target, options, hold) =>
        send(target, sent, { options, hold }),
      );
    },

    async operation(id, operation, call) {
      const ref = await store.getUpstream(id);
      if (!ref) return undefined;
      const target = targetOf(ref);
      if (!target) {
        throw new NotFoundError({
          message: `Response with id '${id}' not found: the deployment that stored it is no longer configured.`,
          code: 'response_not_found',
        });
      }
      try {
        const response = await sendPassthrough(host, api, requestPart(operation, id), target, call, {
          report: false,
        });
        if (operation.kind === 'delete') await store.deleteUpstream(id);
        return response;
      } catch (error) {
        // Gone upstream (deleted elsewhere, expired): forget it here too.
        if (SwitchyardError.isInstance(error) && error.status === 404) await store.deleteUpstream(id);
        throw error;
      }
    },
  };
}
