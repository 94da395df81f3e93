import type { PassthroughRequest, PassthroughResponse, Provider } from '../provider.js';
import { createNativeResponses, type NativeResponses } from '../responses/native-responses.js';
import type { ResponseStore } from '../responses/response-store.js';
import type { CompletionOptions } from './create-switchyard.js';
import type { ModelDeployment } from './deployment.js';
import { createDeploymentKeys } from './deployment-key.js';
import { type PassthroughHost, passthroughToModel } from './passthrough.js';

export interface PassthroughsOptions {
  host: PassthroughHost;
  store: ResponseStore;
  deployments: ReadonlyArray<ModelDeployment>;
  provider(id: string): Provider | undefined;
  allowUnlisted: boolean;
}

export interface Passthroughs {
  /** `Switchyard.passthrough`: same API in and out, for every wire API a provider declares. */
  passthrough(
    api: string,
    request: PassthroughRequest,
    call?: CompletionOptions,
  ): Promise<PassthroughResponse | undefined>;
  /** The Responses API's native side (creation with its follow-ups, operations on stored responses). */
  native: NativeResponses;
}

/** The gateway's pass-through paths: generic per wire API, and the Responses API's stateful one. */
export function createPassthroughs(options: PassthroughsOptions): Passthroughs {
  const native = createNativeResponses({ ...options, deploymentKey: createDeploymentKeys() });
  return {
    native,
    passthrough(api, request, call = {}) {
      const creates = (request.method ?? 'POST') === 'POST' && !request.path;
      if (api === 'openai-responses' && creates) return native.create(request, call);
      return passthroughToModel(options.host, api, request, call);
    },
  };
}
