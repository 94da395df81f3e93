// What the provider tests share: keys the mock accepts, requests, the provider pointed at a mock,
// and small readers.
import {
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  type ProviderCallOptions,
  SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import { expect } from 'vitest';

export const apiKey = 'sk-ant-api03-switchyard-test-4ZvQh7T2mLk9pXc3Rb8W';
/** A second key the mock accepts, for per-call and environment keys. */
export const otherKey = 'sk-ant-api03-second-deployment-9Yt6Ue3Wq1Pz';

/** A model with native structured output and budget thinking. */
export const call: ProviderCallOptions = { model: 'claude-sonnet-4-5' };
export const hello: ChatRequest = {
  model: 'claude-sonnet-4-5',
  messages: [{ role: 'user', content: 'Hello!' }],
};

export const weatherTool: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather of a city',
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

export function parseJson(text: string | undefined): unknown {
  const parsed = safeParseJson(text ?? '');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
