// What the provider tests share: keys, requests, readers.
import {
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type EmbeddingRequest,
  type EmbeddingResponse,
  type Provider,
  type ProviderCallOptions,
  SwitchyardError,
} from '@switchyard/core';
import type { RecordedRequest } from '@switchyard-tooling/mock-upstream';
import { expect } from 'vitest';

export { GEMINI_TEST_KEY as apiKey } from './conformance.js';
/** A second key the mock accepts, for per-call and environment keys. */
export const otherKey = 'AIzaSyD-second-deployment-key-98765432';

export const call: ProviderCallOptions = { model: 'gemini-2.0-flash' };
export const hello: ChatRequest = {
  model: 'gemini-2.0-flash',
  messages: [{ role: 'user', content: 'Hello!' }],
};
export const streamHello: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };
export const weatherTool: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: {
        location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
      },
      required: ['location'],
      additionalProperties: false,
    },
  },
};
export const toolCall = {
  name: 'get_current_weather',
  arguments: '{"location":"Boston, MA","unit":"celsius"}',
};

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
  options: ProviderCallOptions,
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

/** A recorded request's JSON body, typed loosely for assertions. */
export const bodyOf = (request: RecordedRequest | undefined) => request?.body as Record<string, unknown>;
