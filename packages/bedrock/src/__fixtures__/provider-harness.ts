// What the provider tests share: credentials the mock verifies, the provider pointed at a mock, the
// requests they send, and small readers.
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
import { type BedrockSettings, createBedrock } from '../bedrock-provider.js';

export const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
export const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
/** A Bedrock API key (bearer). */
export const apiKey = 'ABSKQmVkcm9ja0FQSUtleS10ZXN0LWtleS0wMTIzNDU2Nzg5';
/** What the mock must require: the IAM pair (its secret verifies signatures) and the API key. */
export const mockApiKeys = [`${accessKeyId}:${secretAccessKey}`, apiKey];

export const model = 'anthropic.claude-3-5-sonnet-20240620-v1:0';
export const call: ProviderCallOptions = { model };
export const signingTime = new Date('2025-06-01T12:00:00Z');
export const hello: ChatRequest = { model, messages: [{ role: 'user', content: 'Hello!' }] };
export const streamHello: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };
export const weatherTool: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

/** Bedrock signed with the test IAM credentials, pointed at `origin`, clock and ids fixed. */
export function bedrockAt(origin: string, settings: BedrockSettings = {}): Provider {
  let counter = 0;
  return createBedrock({
    baseURL: origin,
    region: 'us-east-1',
    accessKeyId,
    secretAccessKey,
    env: {},
    now: () => signingTime,
    generateId: () => `chatcmpl-test${++counter}`,
    ...settings,
  });
}

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

export function parseJson(text: string | undefined): unknown {
  const parsed = safeParseJson(text ?? '');
  if (!parsed.ok) throw parsed.error;
  return parsed.value;
}
