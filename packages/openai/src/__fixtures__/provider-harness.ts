// What the provider tests share: the recorded requests they send, the two ways of building an
// OpenAI-wire provider (each test file runs its suite over both), and small readers.
import {
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Provider,
  type ProviderCallOptions,
  SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import { expect } from 'vitest';
import { createOpenAICompatible } from '../openai-compatible-provider.js';
import { createOpenAI } from '../openai-provider.js';
import { loadJsonFixture } from './load-fixture.js';

export const apiKey = 'sk-proj-switchyard-test-4ZvQh7T2mLk9pXc3Rb8W';
/** A second key the mock accepts, for per-call and environment keys. */
export const otherKey = 'sk-proj-second-deployment-9Yt6Ue3Wq1Pz';

export const call: ProviderCallOptions = { model: 'gpt-4o-mini' };
export const hello: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }] };
export const streamHello: ChatRequest = { ...hello, stream: true };
export const toolRequest = loadJsonFixture<ChatRequest>('chat-tool-call.request.json');
export const toolCall = {
  name: 'get_current_weather',
  arguments: '{"location":"Boston, MA","unit":"celsius"}',
};
export const embeddingRequest = loadJsonFixture<EmbeddingRequest>('embeddings.request.json');

/** The same wire behaviour is expected of OpenAI and of any OpenAI-compatible provider. */
export const flavours = [
  {
    name: 'createOpenAI',
    id: 'openai',
    create: (baseURL: string): Provider => createOpenAI({ apiKey, baseURL, env: {} }),
  },
  {
    name: 'createOpenAICompatible',
    id: 'groq',
    create: (baseURL: string): Provider => createOpenAICompatible({ id: 'groq', baseURL, apiKey }),
  },
];

export async function collect(stream: ChatChunkStream): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export const textOf = (chunks: ChatChunk[]): string =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('');

export function embed(
  provider: Provider,
  request: EmbeddingRequest,
  options: ProviderCallOptions = call,
): Promise<EmbeddingResponse> {
  if (!provider.embed) throw new Error(`${provider.id} has no embed`);
  return provider.embed(request, options);
}

/** The Switchyard error `promise` rejects with; fails the test if it resolves. */
export async function failure(promise: Promise<unknown>): Promise<SwitchyardError> {
  const outcome = await promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error('expected the call to fail, but it succeeded');
  expect(SwitchyardError.isInstance(outcome.error)).toBe(true);
  return outcome.error as SwitchyardError;
}

export function parseJson(text: string | undefined): unknown {
  const parsed = safeParseJson(text ?? '');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
