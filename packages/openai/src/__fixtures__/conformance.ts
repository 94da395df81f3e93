import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createOpenAI } from '../openai-provider.js';

const apiKey = 'sk-conformance-openai-0123456789';

export const conformance = [
  {
    name: 'openai',
    createProvider: (mockOrigin: string): Provider =>
      createOpenAI({ apiKey, baseURL: `${mockOrigin}/v1`, env: {} }),
    callOptions: (): ProviderCallOptions => ({ model: 'gpt-4o-mini' }),
    mockApiKeys: [apiKey],
    embeddingModel: 'text-embedding-3-small',
  },
];
