import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createGemini } from '../gemini-provider.js';
import { createVertex } from '../vertex-provider.js';
import { TEST_CLIENT_EMAIL, testServiceAccount } from './service-account.js';

/** How the shared conformance suite reaches a provider through the mock upstream. */
export interface ConformanceTarget {
  name: string;
  createProvider(mockOrigin: string): Provider;
  callOptions(mockOrigin: string): ProviderCallOptions;
  mockApiKeys: string[];
  embeddingModel?: string;
}

export const GEMINI_TEST_KEY = 'AIzaSyD-switchyard-test-key-0123456789ab';

export const conformance: ConformanceTarget[] = [
  {
    name: 'gemini',
    createProvider: (mockOrigin) => createGemini({ baseURL: mockOrigin, apiKey: GEMINI_TEST_KEY, env: {} }),
    callOptions: () => ({ model: 'gemini-2.0-flash' }),
    mockApiKeys: [GEMINI_TEST_KEY],
    embeddingModel: 'gemini-embedding-001',
  },
  {
    // The mock accepts access tokens its /token endpoint issued to an account listed in apiKeys.
    name: 'vertex_ai',
    createProvider: (mockOrigin) => createVertex({ baseURL: mockOrigin, env: {} }),
    callOptions: (mockOrigin) => ({
      model: 'gemini-2.0-flash',
      params: {
        vertex_project: 'switchyard-test',
        vertex_location: 'us-central1',
        vertex_credentials: JSON.stringify(testServiceAccount(mockOrigin).json),
      },
    }),
    mockApiKeys: [TEST_CLIENT_EMAIL],
  },
];
