import type { Provider } from '@switchyard/core';
import { createMock } from '@switchyard/mock';
import { createOpenAI } from '@switchyard/openai';

/**
 * Fresh instances of every first-party provider, credentials read from the environment
 * (`OPENAI_API_KEY`, …). Each call creates new instances with their own connection pools.
 */
export function createDefaultProviders(): Provider[] {
  return [createOpenAI(), createMock()];
}
