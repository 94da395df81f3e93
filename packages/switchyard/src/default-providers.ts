import { createAzure } from '@switchyard/azure';
import { createCohere } from '@switchyard/cohere';
import type { Provider } from '@switchyard/core';
import { createMistral } from '@switchyard/mistral';
import { createMock } from '@switchyard/mock';
import { createOpenAI } from '@switchyard/openai';

/**
 * Fresh instances of every first-party provider, credentials read from the environment
 * (`OPENAI_API_KEY`, …). Each call creates new instances with their own connection pools.
 */
export function createDefaultProviders(): Provider[] {
  return [
    createOpenAI(),
    createAzure(),
    createCohere(),
    createCohere({ id: 'cohere_chat' }),
    createMistral(),
    createMock(),
  ];
}
