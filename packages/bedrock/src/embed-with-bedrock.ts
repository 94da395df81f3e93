import {
  BadGatewayError,
  BadRequestError,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type ProviderCallOptions,
} from '@switchyard/core';
import type { BedrockClient } from './bedrock-client.js';
import {
  type BedrockEmbeddingKind,
  bedrockEmbeddingKind,
  buildEmbeddingResponse,
  type EmbeddingCall,
  embeddingTokens,
  prepareBedrockEmbeddingCalls,
  readBedrockEmbeddings,
} from './bedrock-embeddings.js';

/** Runs `run` over `items` with at most `limit` at once, keeping the order of the results. */
async function mapWithConcurrency<T, R>(
  items: readonly T[],
  limit: number,
  run: (item: T) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await run(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

async function invoke(
  client: BedrockClient,
  id: string,
  call: EmbeddingCall,
  kind: BedrockEmbeddingKind,
  options: ProviderCallOptions,
) {
  const response = await client.send('invoke', call.body, options).response;
  const body = await client.readJson(response, options.model);
  const vectors = readBedrockEmbeddings(body, kind);
  if (!vectors || vectors.length !== call.count) {
    throw new BadGatewayError({
      message: `${id} sent an embedding response without the expected vectors`,
      provider: id,
      model: options.model,
      code: 'invalid_upstream_response',
    });
  }
  return { vectors, tokens: embeddingTokens(body, response.headers) };
}

/**
 * Embeddings through InvokeModel: Titan one call per input (at most `concurrency` at once), Cohere
 * in batches; vectors in input order, token counts summed when every answer reports one.
 */
export async function embedWithBedrock(
  client: BedrockClient,
  id: string,
  request: EmbeddingRequest,
  options: ProviderCallOptions,
  concurrency: number,
): Promise<EmbeddingResponse> {
  const kind = bedrockEmbeddingKind(options.model);
  if (!kind) {
    throw new BadRequestError({
      message: `${id} embeddings support amazon.titan-embed-* and cohere.embed-* models, not ${options.model}`,
      param: 'model',
      provider: id,
      model: options.model,
    });
  }
  const inputType = typeof options.params?.input_type === 'string' ? options.params.input_type : undefined;
  const prepared = prepareBedrockEmbeddingCalls(request, kind, {
    provider: id,
    model: options.model,
    dropParams: options.dropParams === true,
    ...(inputType ? { inputType } : {}),
  });
  const results = await mapWithConcurrency(prepared.calls, concurrency, (call) =>
    invoke(client, id, call, kind, options),
  );
  const tokens = results.every((result) => result.tokens !== undefined)
    ? results.reduce((sum, result) => sum + (result.tokens ?? 0), 0)
    : undefined;
  return buildEmbeddingResponse(
    results.flatMap((result) => result.vectors),
    tokens,
    prepared.request,
    options.model,
  );
}
