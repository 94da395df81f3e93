import { createAnthropic } from '@switchyard/anthropic';
import { createAzure } from '@switchyard/azure';
import { createBedrock } from '@switchyard/bedrock';
import { createCohere } from '@switchyard/cohere';
import type { Provider } from '@switchyard/core';
import { createGemini, createVertex } from '@switchyard/gemini';
import { createMistral } from '@switchyard/mistral';
import { createMock } from '@switchyard/mock';
import { createOpenAI } from '@switchyard/openai';
import { createCompatibleProviders } from './compatible-providers.js';

/**
 * Fresh instances of every first-party provider, credentials read from the environment
 * (`OPENAI_API_KEY`, …). Each call creates new instances with their own connection pools.
 */
export function createDefaultProviders(): Provider[] {
  return [
    createOpenAI(),
    createAnthropic(),
    createAzure(),
    createBedrock(),
    createGemini(),
    createVertex(),
    createCohere(),
    createCohere({ id: 'cohere_chat' }),
    createMistral(),
    ...createCompatibleProviders(),
    createMock(),
  ];
}
