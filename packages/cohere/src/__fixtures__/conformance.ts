import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createCohere } from '../cohere-provider.js';

const apiKey = 'co-conformance-7Hd2Lq9Xv4Mb1Nz8';

/** Both prefixes litellm uses for Cohere: `cohere/` and `cohere_chat/`. */
export const conformance = ['cohere', 'cohere_chat'].map((id) => ({
  name: id,
  createProvider: (mockOrigin: string): Provider =>
    createCohere({ id, apiKey, baseURL: mockOrigin, env: {} }),
  callOptions: (): ProviderCallOptions => ({ model: 'command-a-03-2025' }),
  mockApiKeys: [apiKey],
  embeddingModel: 'embed-v4.0',
  unsupported: {
    reasoningTokens: 'Cohere counts thinking inside output_tokens and reports no separate reasoning count',
  },
}));
