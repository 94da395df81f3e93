import { randomUUID } from 'node:crypto';
import {
  BadRequestError,
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type ChatResponse,
  NotFoundError,
  type Provider,
  type ProviderCallOptions,
  type ProviderCapabilities,
} from '@switchyard/core';
import { type CallGuard, guardCall } from './call-guard.js';
import type { EchoAnswer } from './echo-answer.js';
import { echoChunks } from './echo-chunks.js';
import { toEchoResponse } from './echo-response.js';
import { echoTransformFor, echoTransforms } from './echo-transforms.js';
import { echoUsage } from './echo-usage.js';
import { lastUserText } from './message-text.js';

export interface EchoSettings {
  /**
   * Provider id, the prefix in model strings (default `echo`). The proxy passes the configured
   * name here when it calls this factory from `custom_provider_map`.
   */
  id?: string;
  /** The clock behind `created` and the call deadline, in ms since the epoch; default `Date.now`. */
  now?: () => number;
  /** Answer ids; default `chatcmpl-echo-<uuid>`. */
  generateId?: () => string;
}

/**
 * What the echo provider can do: chat and streams with usage at the end; no tools, images,
 * structured output or embeddings. The gateway and proxy read this instead of guessing.
 */
export const echoCapabilities: Readonly<ProviderCapabilities> = Object.freeze({
  chat: true,
  stream: true,
  embeddings: false,
  tools: false,
  vision: false,
  jsonSchema: false,
  streamUsage: true,
});

/**
 * A provider that answers locally with the last user message transformed by the model:
 * `echo/reverse` reverses it, `echo/upper` upper-cases it, `echo/repeat` repeats it. It needs no
 * key and no network, and honours the call's signal and deadline before answering and between
 * stream chunks.
 */
export function createEchoProvider(settings: EchoSettings = {}): Provider {
  const id = settings.id ?? 'echo';
  const now = settings.now ?? Date.now;
  const generateId = settings.generateId ?? (() => `chatcmpl-echo-${randomUUID()}`);

  /** Checks the call, then plans the answer; every error here rejects before any output. */
  function begin(
    request: ChatRequest,
    options: ProviderCallOptions,
  ): { answer: EchoAnswer; guard: CallGuard } {
    const target = `${id}/${options.model}`;
    const guard = guardCall(options, target, now);
    guard();
    const transform = echoTransformFor(options.model);
    if (transform === undefined) {
      const models = Object.keys(echoTransforms).map((model) => `${id}/${model}`);
      throw new NotFoundError({
        message: `The ${id} provider has no model "${options.model}"; use one of ${models.join(', ')}`,
        code: 'model_not_found',
        param: 'model',
        provider: id,
        model: options.model,
      });
    }
    const text = lastUserText(request.messages);
    if (text === undefined) {
      throw new BadRequestError({
        message: `${target} answers the last user message, and the request has none; add a message with role "user"`,
        param: 'messages',
        provider: id,
        model: options.model,
      });
    }
    const answer: EchoAnswer = {
      id: generateId(),
      created: Math.floor(now() / 1000),
      model: options.model,
      content: transform(text),
      choices: request.n ?? 1,
    };
    return { answer, guard };
  }

  async function chat(request: ChatRequest, options: ProviderCallOptions): Promise<ChatResponse> {
    const { answer } = begin(request, options);
    return toEchoResponse(answer, echoUsage(request.messages, answer.content, answer.choices));
  }

  async function stream(request: ChatRequest, options: ProviderCallOptions): Promise<ChatChunkStream> {
    const { answer, guard } = begin(request, options);
    const usage = request.stream_options?.include_usage
      ? echoUsage(request.messages, answer.content, answer.choices)
      : undefined;
    return guarded(echoChunks(answer, usage), guard);
  }

  return { id, capabilities: echoCapabilities, chat, stream };
}

/** Yields the chunks, ending with the guard's error as soon as the call is cancelled. */
async function* guarded(chunks: readonly ChatChunk[], guard: CallGuard): AsyncGenerator<ChatChunk> {
  for (const chunk of chunks) {
    guard();
    yield chunk;
  }
}

/** The default echo provider (id `echo`). */
export const echo: Provider = createEchoProvider();
