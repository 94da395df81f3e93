import {
  BadGatewayError,
  type HttpTransport,
  isRecord,
  lazyTransport,
  type ProviderCallOptions,
  safeParseJson,
  type TransportResponse,
} from '@switchyard/core';
import {
  type BedrockCredentialSettings,
  type BedrockEndpoint,
  type BedrockService,
  resolveBedrockEndpoint,
} from './resolve-bedrock-endpoint.js';
import { sendBedrockRequest } from './send-bedrock-request.js';

export interface BedrockClientSettings extends BedrockCredentialSettings {
  headers?: Record<string, string>;
  transport?: HttpTransport;
  env?: Record<string, string | undefined>;
}

/** One provider instance's way to Bedrock: a lazily created transport, the endpoint, the clock. */
export interface BedrockClient {
  /** POSTs `body` to `/model/{model}/{operation}`; resolves with the accepted response. */
  send(
    operation: string,
    body: object,
    options: ProviderCallOptions,
    accept?: string,
  ): { endpoint: BedrockEndpoint; response: Promise<TransportResponse> };
  /** Where and how a call to `service` goes, read at call time (see `resolveBedrockEndpoint`). */
  endpoint(service: BedrockService, options: ProviderCallOptions): BedrockEndpoint;
  /** POSTs `body` to `path` at `endpoint` (Agent Runtime's `/rerank`); resolves with the accepted response. */
  sendTo(
    endpoint: BedrockEndpoint,
    path: string,
    body: object,
    options: ProviderCallOptions,
  ): Promise<TransportResponse>;
  /** Reads a JSON object body, or fails with BadGatewayError. */
  readJson(response: TransportResponse, model: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export function createBedrockClient(
  id: string,
  settings: BedrockClientSettings,
  now: () => Date,
): BedrockClient {
  const transport = lazyTransport(settings.transport);
  const endpointOf = (service: BedrockService, options: ProviderCallOptions) =>
    resolveBedrockEndpoint(id, options, settings, settings.env ?? process.env, service);
  function post(
    endpoint: BedrockEndpoint,
    target: { operation: string; path?: string },
    body: object,
    options: ProviderCallOptions,
    accept: string,
  ) {
    return sendBedrockRequest({
      transport: transport.get(),
      provider: id,
      endpoint,
      ...target,
      body: JSON.stringify(body),
      accept,
      headers: [settings.headers, options.headers],
      now: now(),
      options,
    });
  }
  return {
    send(operation, body, options, accept = 'application/json') {
      const endpoint = endpointOf('bedrock-runtime', options);
      return { endpoint, response: post(endpoint, { operation }, body, options, accept) };
    },
    endpoint: endpointOf,
    sendTo(endpoint, path, body, options) {
      return post(endpoint, { operation: path, path }, body, options, 'application/json');
    },
    async readJson(response, model) {
      const parsed = safeParseJson(await response.text());
      if (!parsed.ok || !isRecord(parsed.value)) {
        throw new BadGatewayError({
          message: `${id} sent a response that is not valid JSON`,
          provider: id,
          model,
          code: 'invalid_upstream_response',
        });
      }
      return parsed.value;
    },
    async close() {
      await transport.close();
    },
  };
}
