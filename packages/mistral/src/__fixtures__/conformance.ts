import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createMistral } from '../mistral-provider.js';
import { apiKey, baseOf } from './provider-harness.js';

/** How the shared conformance suite reaches a provider through the mock upstream. */
export interface ConformanceTarget {
  name: string;
  createProvider(mockOrigin: string): Provider;
  callOptions(mockOrigin: string): ProviderCallOptions;
  mockApiKeys: string[];
  embeddingModel?: string;
}

/** Mistral against the mock, which serves Mistral's wire format under `/mistral/v1`. */
export const conformance: ConformanceTarget[] = [
  {
    name: 'mistral',
    createProvider: () => createMistral({ env: {} }),
    callOptions: (mockOrigin) => ({ model: 'mistral-small-latest', apiKey, apiBase: baseOf(mockOrigin) }),
    mockApiKeys: [apiKey],
    embeddingModel: 'mistral-embed',
  },
];
