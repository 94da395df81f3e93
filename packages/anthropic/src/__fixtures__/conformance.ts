import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createAnthropic } from '../anthropic-provider.js';

const apiKey = 'sk-ant-conformance-0123456789';

export const conformance = [
  {
    name: 'anthropic',
    // A bare origin, as litellm's api_base for Anthropic is.
    createProvider: (mockOrigin: string): Provider =>
      createAnthropic({ apiKey, baseURL: mockOrigin, env: {} }),
    callOptions: (): ProviderCallOptions => ({ model: 'claude-sonnet-4-5' }),
    mockApiKeys: [apiKey],
  },
];
