// What the provider tests share: keys, requests, the provider pointed at a mock, small readers.
import {
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type Provider,
  type ProviderCallOptions,
  SwitchyardError,
} from '@switchyard/core';
import { expect } from 'vitest';
import { type CohereSettings, createCohere } from '../cohere-provider.js';

export const apiKey = 'co-switchyard-test-9Qw3Er7Ty1Ui5Op2';
/** A second key the mock accepts, for per-call and environment keys. */
export const otherKey = 'co-second-deployment-4As8Df2Gh6';

export const call: ProviderCallOptions = { model: 'command-a-03-2025' };
export const hello: ChatRequest = {
  model: 'command-a-03-2025',
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

/** A provider for the mock at `origin`, with the test key and no environment. */
export function providerFor(origin: string, settings: CohereSettings = {}): Provider {
  return createCohere({ apiKey, baseURL: origin, env: {}, now: () => 1_750_000_000_000, ...settings });
}

export async function collect(stream: ChatChunkStream): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

export const textOf = (chunks: ChatChunk[]): string =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('');

export const reasoningOf = (chunks: ChatChunk[]): string =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.reasoning_content ?? '')).join('');

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

/** Reads a whole stream, failing with the error it ends with. */
export async function streamFailure(stream: ChatChunkStream): Promise<SwitchyardError> {
  return failure(collect(stream));
}
