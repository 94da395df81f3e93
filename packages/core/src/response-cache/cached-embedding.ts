import { BadGatewayError } from '../errors/error-classes.js';
import type { CompletionOptions } from '../gateway/create-switchyard.js';
import type { EmbeddingRequest, EmbeddingResponse } from '../schemas/embedding.js';
import {
  type CacheContext,
  capturing,
  keyOf,
  lookup,
  producer,
  reportHit,
  store,
  traceHit,
  traceMiss,
} from './cache-context.js';
import { takeCacheControls } from './cache-controls.js';
import {
  type CachedEmbedding,
  cachedEmbeddingsOf,
  type EmbeddingItem,
  embeddingItems,
  embeddingResponseOf,
  inputOf,
  isCachedEmbedding,
} from './embedding-items.js';
import type { CachedAnswer, StoredAnswer } from './response-cache.js';

/**
 * Embeddings through the cache, one entry per input: a batch whose inputs are all cached is
 * answered without an upstream call; otherwise only the inputs not cached (each once) go upstream,
 * and the answer is put back together in input order, with the usage of every input.
 */
export async function cachedEmbedding(
  context: CacheContext,
  original: EmbeddingRequest,
  call: CompletionOptions = {},
): Promise<EmbeddingResponse> {
  const { request, controls } = takeCacheControls(original, call.cache);
  if (!context.cache.enabled('embedding', controls)) return context.gateway.embedding(request, call);
  const resolved = context.gateway.resolve(request.model);
  const startedAt = context.now();
  const { items } = embeddingItems(request.input);
  const keys = items.map((item) => keyOf(context, 'embedding', { ...request, input: item }, call, controls));
  const answers = (await lookup(context, keys, controls)).map((answer) =>
    answer && isCachedEmbedding(answer.value) ? answer : undefined,
  );
  const cached = new Map<string, CachedAnswer>();
  answers.forEach((answer, index) => {
    if (answer) cached.set(keys[index]!, answer);
  });

  if (cached.size > 0 && answers.every((answer) => answer !== undefined)) {
    const first = answers[0]!;
    const response = embeddingResponseOf(
      answers.map((answer) => answer!.value as CachedEmbedding),
      first.model ?? resolved.model,
    );
    traceHit(call, keys[0]!, resolved, first);
    const hit = { requestedModel: request.model, resolved, answer: first, stream: false, startedAt };
    reportHit(context, call, { ...hit, usage: usageOf(response) }, 'success');
    return response;
  }

  traceMiss(call);
  // Each input not cached goes upstream once, even when the batch repeats it.
  const missing = new Map<string, EmbeddingItem>();
  items.forEach((item, index) => {
    const key = keys[index]!;
    if (!cached.has(key) && !missing.has(key)) missing.set(key, item);
  });
  const upstream = capturing(call);
  const whole = missing.size === items.length;
  const response = await context.gateway.embedding(
    whole ? request : { ...request, input: inputOf([...missing.values()]) },
    upstream.options,
  );
  const fresh = cachedEmbeddingsOf(response, missing.size);
  if (!fresh) {
    if (whole) return response;
    throw new BadGatewayError({
      message: `The provider returned ${response.data.length} embeddings for ${missing.size} inputs.`,
      provider: upstream.info()?.provider,
    });
  }
  const who = producer(upstream.info());
  const stored: StoredAnswer[] = [...missing.keys()].map((key, index) => ({
    key,
    value: fresh[index]!,
    ...who,
  }));
  await store(context, stored, controls);
  if (whole) return response;
  const byKey = new Map<string, CachedEmbedding>(
    stored.map((answer) => [answer.key, answer.value as CachedEmbedding]),
  );
  for (const [key, answer] of cached) byKey.set(key, answer.value as CachedEmbedding);
  return {
    ...response,
    ...embeddingResponseOf(
      keys.map((key) => byKey.get(key)!),
      response.model,
    ),
  };
}

function usageOf(response: EmbeddingResponse) {
  const prompt = response.usage?.prompt_tokens ?? 0;
  return { prompt_tokens: prompt, completion_tokens: 0, total_tokens: prompt };
}
