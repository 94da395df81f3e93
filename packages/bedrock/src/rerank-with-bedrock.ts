import {
  BadGatewayError,
  type ProviderCallOptions,
  type RerankRequest,
  type RerankResponse,
} from '@switchyard/core';
import type { BedrockClient } from './bedrock-client.js';
import { convertBedrockRerankResponse, prepareBedrockRerankBody } from './bedrock-rerank.js';

/**
 * Rerank through Bedrock Agent Runtime's `POST /rerank` (`bedrock-agent-runtime.{region}`, signed
 * for the `bedrock` service like Runtime calls), for `amazon.rerank-v1:0`, `cohere.rerank-v3-5:0`
 * or a model ARN.
 */
export async function rerankWithBedrock(
  client: BedrockClient,
  id: string,
  request: RerankRequest,
  options: ProviderCallOptions,
  rerankId: () => string,
): Promise<RerankResponse> {
  const endpoint = client.endpoint('bedrock-agent-runtime', options);
  const body = prepareBedrockRerankBody(request, {
    provider: id,
    model: options.model,
    region: endpoint.region,
    dropParams: options.dropParams === true,
  });
  const response = await client.sendTo(endpoint, '/rerank', body, options);
  const answer = await client.readJson(response, options.model);
  const converted = convertBedrockRerankResponse(answer, request, rerankId());
  if (!converted) {
    throw new BadGatewayError({
      message: `${id} sent a rerank response without results`,
      provider: id,
      model: options.model,
      code: 'invalid_upstream_response',
    });
  }
  return converted;
}
