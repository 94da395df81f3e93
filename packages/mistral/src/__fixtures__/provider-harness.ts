// What the provider tests share: keys, requests, the provider pointed at the mock, small readers.
import {
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type ProviderCallOptions,
  SwitchyardError,
} from '@switchyard/core';
import { expect } from 'vitest';

export const apiKey = 'mistral-switchyard-test-Q7d2Lr9Xk4Vb';
/** A second key the mock accepts, for per-call and environment keys. */
export const otherKey = 'mistral-second-deployment-P3s8Wn1Ty6';

/** The mock serves Mistral under its own prefix (its paths equal OpenAI's). */
export const baseOf = (mockOrigin: string): string => `${mockOrigin}/mistral/v1`;

export const call: ProviderCallOptions = { model: 'mistral-small-latest' };
export const hello: ChatRequest = {
  model: 'mistral/mistral-small-latest',
  messages: [{ role: 'user', content: 'Hello!' }],
};
export const weatherTool: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

export async function collect(stream: ChatChunkStream): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export const textOf = (chunks: ChatChunk[]): string =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('');

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

/** Reads a stream to its end and returns what it failed with. */
export function streamFailure(stream: ChatChunkStream): Promise<SwitchyardError> {
  return failure(collect(stream));
}
