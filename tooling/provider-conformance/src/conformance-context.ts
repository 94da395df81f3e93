import type { ChatRequest, Provider, ProviderCallOptions } from '@switchyard/core';
import type { MockUpstream } from '@switchyard-tooling/mock-upstream';
import type { ConformanceTarget } from './conformance-target.js';

/** What every scenario gets: the running mock, the provider pointed at it, call options. */
export interface ConformanceContext {
  readonly target: ConformanceTarget;
  mock(): MockUpstream;
  provider(): Provider;
  options(extra?: Partial<ProviderCallOptions>): ProviderCallOptions;
}

export const hello: ChatRequest = {
  model: 'conformance',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: 'Say hello to the conformance suite' },
  ],
};

export const weatherTool: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
    },
  },
};

export const pngDataUrl =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

/** Resolves with the rejection of `promise` (fails the test if it resolves). */
export async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}
