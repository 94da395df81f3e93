import type { HttpTransport, ProviderCallOptions, TransportResponse } from '@switchyard/core';
import { bedrockError } from './bedrock-error.js';
import type { BedrockAuth, BedrockEndpoint } from './resolve-bedrock-endpoint.js';
import { signAwsRequest } from './sign-aws-request.js';

export interface BedrockRequestInput {
  transport: HttpTransport;
  provider: string;
  endpoint: BedrockEndpoint;
  /** `converse`, `converse-stream` or `invoke`: a model operation at `/model/{modelId}/{operation}`. */
  operation: string;
  /** A path instead of the model operation's (Agent Runtime's `/rerank`). */
  path?: string;
  body: string;
  accept: string;
  /** Extra headers (settings, then the call's); never replace the authentication. */
  headers: ReadonlyArray<Record<string, string> | undefined>;
  /** The signing time. */
  now: Date;
  options: ProviderCallOptions;
}

const maxErrorBody = 1024 * 1024;

/** What must never reach an error or a log: the secret key, the session token, the API key. */
export function secretsOf(auth: BedrockAuth): string[] {
  if (auth.kind === 'bearer') return [auth.token];
  return [auth.credentials.secretAccessKey, auth.credentials.sessionToken ?? ''].filter(
    (secret) => secret !== '',
  );
}

/** `/model/{modelId}/{operation}`, the model id URL-encoded (`:` → `%3A`, an ARN's `/` → `%2F`). */
export function bedrockModelPath(model: string, operation: string): string {
  const id = model.startsWith('converse/') ? model.slice('converse/'.length) : model;
  return `/model/${encodeURIComponent(id)}/${operation}`;
}

/**
 * POSTs to Bedrock Runtime (or Agent Runtime), authenticated with the Bedrock API key (bearer) or a SigV4 signature
 * (service `bedrock`) over the encoded path, the body and the host; a non-2xx answer is read and
 * thrown as the matching core error.
 */
export async function sendBedrockRequest(input: BedrockRequestInput): Promise<TransportResponse> {
  const { endpoint, options } = input;
  const url = `${endpoint.baseURL}${input.path ?? bedrockModelPath(options.model, input.operation)}`;
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: input.accept };
  for (const extra of input.headers) {
    if (extra) for (const [name, value] of Object.entries(extra)) headers[name.toLowerCase()] = value;
  }
  const auth = endpoint.auth;
  if (auth.kind === 'bearer') {
    headers.authorization = `Bearer ${auth.token}`;
  } else {
    const signed = signAwsRequest({
      method: 'POST',
      url,
      body: input.body,
      credentials: auth.credentials,
      region: auth.region,
      service: 'bedrock',
      date: input.now,
    });
    Object.assign(headers, signed);
  }
  const response = await input.transport.request({
    url,
    method: 'POST',
    headers,
    body: input.body,
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  if (response.status >= 200 && response.status < 300) return response;
  const text = await response.text(maxErrorBody).catch(() => '');
  throw bedrockError({
    provider: input.provider,
    model: options.model,
    status: response.status,
    headers: response.headers,
    body: text,
    secrets: secretsOf(auth),
  });
}
