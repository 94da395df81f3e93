import { randomUUID } from 'node:crypto';
import {
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  defaultCapabilities,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
  type RerankRequest,
  type RerankResponse,
} from '@switchyard/core';
import type { BedrockConverseResponse } from './bedrock-api-types.js';
import { type BedrockClientSettings, createBedrockClient } from './bedrock-client.js';
import { convertBedrockResponse } from './convert-bedrock-response.js';
import { decodeAwsEventStream } from './decode-aws-event-stream.js';
import { embedWithBedrock } from './embed-with-bedrock.js';
import { parseBedrockStream } from './parse-bedrock-stream.js';
import { prepareBedrockRequest } from './prepare-bedrock-request.js';
import { rerankWithBedrock } from './rerank-with-bedrock.js';
import { secretsOf } from './send-bedrock-request.js';

export interface BedrockSettings extends BedrockClientSettings {
  /** Provider id (default `bedrock`). */
  id?: string;
  capabilities?: Partial<ProviderCapabilities>;
  /** The clock: signing time and `created` (default `new Date()`). */
  now?: () => Date;
  /** Response and stream ids (Converse has none); default `chatcmpl-<uuid>`. */
  generateId?: () => string;
  /** Concurrent InvokeModel calls for Titan embeddings (one per input); default 8. */
  embeddingConcurrency?: number;
}

const EVENT_STREAM = 'application/vnd.amazon.eventstream';

/**
 * Amazon Bedrock: chat and streams through the Converse API (`/model/{modelId}/converse`,
 * `/converse-stream` in the AWS event stream encoding), embeddings through InvokeModel (Titan,
 * Cohere), rerank through Agent Runtime's `/rerank` (Amazon Rerank, Cohere Rerank), SigV4-signed with IAM credentials or authenticated with a Bedrock API key. Settings
 * (credentials, region, endpoint, headers) are defaults; a call's deployment params win, and the
 * environment is read at call time.
 */
export function createBedrock(settings: BedrockSettings = {}): Provider {
  const id = settings.id ?? 'bedrock';
  const now = settings.now ?? (() => new Date());
  const generateId = settings.generateId ?? (() => `chatcmpl-${randomUUID()}`);
  const client = createBedrockClient(id, settings, now);
  const capabilities: ProviderCapabilities = {
    ...defaultCapabilities,
    embeddings: true,
    tools: true,
    vision: true,
    jsonSchema: true,
    streamUsage: true,
    ...settings.capabilities,
  };
  const prepare = (request: ChatRequest, options: ProviderCallOptions) =>
    prepareBedrockRequest(request, {
      provider: id,
      model: options.model,
      dropParams: options.dropParams === true,
    });
  const seconds = () => Math.floor(now().getTime() / 1000);

  return {
    id,
    capabilities,
    async chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
      const prepared = prepare(request, options);
      const response = await client.send('converse', prepared.body, options).response;
      const body = await client.readJson(response, options.model);
      return convertBedrockResponse(body as BedrockConverseResponse, {
        provider: id,
        model: options.model,
        id: generateId(),
        created: seconds(),
        ...(prepared.jsonToolName ? { jsonToolName: prepared.jsonToolName } : {}),
      });
    },
    async stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
      const prepared = prepare(request, options);
      const { endpoint, response } = client.send('converse-stream', prepared.body, options, EVENT_STREAM);
      const upstream = await response;
      return parseBedrockStream(decodeAwsEventStream(upstream.body, { provider: id }), {
        provider: id,
        model: options.model,
        id: generateId(),
        created: seconds(),
        includeUsage: request.stream_options?.include_usage === true,
        secrets: secretsOf(endpoint.auth),
        ...(prepared.jsonToolName ? { jsonToolName: prepared.jsonToolName } : {}),
      });
    },
    embed(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse> {
      return embedWithBedrock(client, id, request, options, settings.embeddingConcurrency ?? 8);
    },
    rerank(request: RerankRequest, options: ProviderCallOptions): Promise<RerankResponse> {
      return rerankWithBedrock(client, id, request, options, () => `rerank-${randomUUID()}`);
    },
    close: () => client.close(),
  };
}

/** The default instance: credentials and region read from the environment at call time. */
export const bedrock: Provider = createBedrock();
