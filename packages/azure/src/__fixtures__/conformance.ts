import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createAzure } from '../azure-provider.js';

/** How the shared conformance suite reaches a provider through the mock upstream. */
export interface ConformanceTarget {
  name: string;
  createProvider(mockOrigin: string): Provider;
  callOptions(mockOrigin: string): ProviderCallOptions;
  mockApiKeys: string[];
  embeddingModel?: string;
}

const apiKey = 'azure-conformance-key-0123456789abcdef';

/**
 * Azure over its deployment URLs (`/openai/deployments/{deployment}/…?api-version=2024-10-21`,
 * `api-key` auth), the deployment and endpoint given per call as a litellm deployment would.
 */
export const conformance: ConformanceTarget[] = [
  {
    name: 'azure',
    createProvider: (): Provider => createAzure({ env: {} }),
    callOptions: (mockOrigin: string): ProviderCallOptions => ({
      model: 'gpt-4o-mini-deployment',
      apiBase: mockOrigin,
      apiKey,
      apiVersion: '2024-10-21',
    }),
    mockApiKeys: [apiKey],
    embeddingModel: 'text-embedding-3-small-deployment',
  },
];
