import type {
  ChatChunkStream,
  ChatRequest,
  ChatResponse,
  EmbeddingRequest,
  EmbeddingResponse,
  Provider,
  ProviderCallOptions,
  ProviderCapabilities,
} from '@switchyard/core';
import { beginCall, callTiming, type MockTiming } from './mock-call.js';
import { type MockAnswerMeta, toChatResponse } from './mock-chat-response.js';
import { planCompletion } from './mock-completion.js';
import { paced, readDelay } from './mock-delay.js';
import { mockEmbeddings } from './mock-embedding.js';
import { mockChunks } from './mock-stream.js';
import { mockUsage } from './mock-usage.js';

export interface MockSettings {
  /**
   * Delay before answering (before a stream resolves), in ms; default 0. A deployment can override
   * it with the param `latency_ms`.
   */
  latencyMs?: number;
  /** Delay between stream chunks, in ms; default 0. A deployment can override it with `chunk_delay_ms`. */
  chunkDelayMs?: number;
  /** The clock behind `created`, in ms since the epoch; default `Date.now`. */
  now?: () => number;
}

export const mockCapabilities: Readonly<ProviderCapabilities> = Object.freeze({
  chat: true,
  stream: true,
  embeddings: true,
  tools: true,
  vision: true,
  jsonSchema: true,
  streamUsage: true,
});

/**
 * A provider that answers locally and deterministically (model strings `mock/<anything>`): the same
 * request gets the same content, tool calls and embeddings, with usage estimated at ~4 characters a
 * token. `mock/error-<status>` (e.g. `mock/error-429`) fails with core's error for that status.
 * Delays honour the call's signal (AbortedError) and `timeoutMs` (TimeoutError).
 */
export function createMock(settings: MockSettings = {}): Provider {
  const defaults: MockTiming = {
    latencyMs: readDelay(settings.latencyMs, 'latencyMs', 0),
    chunkDelayMs: readDelay(settings.chunkDelayMs, 'chunkDelayMs', 0),
  };
  const now = settings.now ?? Date.now;
  let answers = 0;

  function nextMeta(model: string): MockAnswerMeta {
    answers += 1;
    return { id: `chatcmpl-mock-${answers}`, created: Math.floor(now() / 1000), model };
  }

  async function chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
    const completion = planCompletion(request, options.model);
    const deadline = await beginCall(options, callTiming(defaults, options).latencyMs);
    deadline.dispose();
    const choices = request.n ?? 1;
    const usage = mockUsage(request, completion.completionTokens, choices);
    return toChatResponse(completion, nextMeta(options.model), choices, usage);
  }

  async function stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
    const completion = planCompletion(request, options.model);
    const { latencyMs, chunkDelayMs } = callTiming(defaults, options);
    const deadline = await beginCall(options, latencyMs);
    const choices = request.n ?? 1;
    const usage = request.stream_options?.include_usage
      ? mockUsage(request, completion.completionTokens, choices)
      : undefined;
    const chunks = mockChunks(completion, nextMeta(options.model), { choices, usage });
    return paced(chunks, chunkDelayMs, deadline);
  }

  async function embed(request: EmbeddingRequest, options: ProviderCallOptions): Promise<EmbeddingResponse> {
    const deadline = await beginCall(options, callTiming(defaults, options).latencyMs);
    deadline.dispose();
    return mockEmbeddings(request, options.model);
  }

  return { id: 'mock', capabilities: mockCapabilities, chat, stream, embed };
}

/** The default mock provider (no latency). */
export const mock: Provider = createMock();
