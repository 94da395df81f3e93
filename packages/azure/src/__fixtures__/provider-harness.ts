// What the Azure provider tests share: keys the mock accepts, a provider pointed at the mock,
// requests, and small readers.
import {
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type ProviderCallOptions,
  SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import type { RecordedRequest } from '@switchyard-tooling/mock-upstream';
import { expect } from 'vitest';
import { type AzureSettings, createAzure } from '../azure-provider.js';

export const apiKey = 'azure-test-key-7f3c9a1e5b2d4c6e8a0b';
/** A second key the mock accepts, used as an Entra ID token. */
export const otherKey = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.mock-entra-token';

export const deployment = 'gpt-4o-mini-prod';

export const call: ProviderCallOptions = { model: deployment };
export const hello: ChatRequest = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'Hello!' }] };
export const streamHello: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };

export const weatherTool: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_current_weather',
    description: 'Get the current weather in a given location',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
    },
  },
};

/** An Azure provider pointed at the mock, with a key and an empty environment unless overridden. */
export const azureAt = (origin: string, settings: AzureSettings = {}) =>
  createAzure({ baseURL: origin, apiKey, env: {}, ...settings });

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

/** The JSON body the mock received. */
export function bodyOf(request: RecordedRequest | undefined): Record<string, unknown> {
  const parsed = safeParseJson(request?.rawBody ?? '');
  if (!parsed.ok) throw parsed.error;
  return parsed.value as Record<string, unknown>;
}
