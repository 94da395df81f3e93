import type { RecordedRequest } from '@switchyard-tooling/mock-upstream';
import { expect } from 'vitest';

/** One provider as a user configures it (litellm_params), pointed at the mock upstream. */
export interface ProviderCase {
  /** model_name in the config, and what the client asks for. */
  name: string;
  litellmParams(mockOrigin: string): Record<string, unknown>;
  /** Keys the mock must accept for this provider. */
  mockApiKeys: string[];
  /** The path the provider's API reference specifies. */
  upstreamPath: RegExp;
  /** Provider-specific checks of the recorded upstream request (auth headers, body). */
  checkRequest?(request: RecordedRequest): void;
}

export const providerCases: ProviderCase[] = [
  {
    name: 'openai-model',
    litellmParams: (mock) => ({
      model: 'openai/gpt-4o-mini',
      api_base: `${mock}/v1`,
      api_key: 'sk-e2e-openai-key',
    }),
    mockApiKeys: ['sk-e2e-openai-key'],
    upstreamPath: /^\/v1\/chat\/completions$/,
  },
  {
    name: 'azure-model',
    litellmParams: (mock) => ({
      model: 'azure/gpt-4o-mini-deployment',
      api_base: mock,
      api_key: 'azure-e2e-key-0123456789',
      api_version: '2024-10-21',
    }),
    mockApiKeys: ['azure-e2e-key-0123456789'],
    upstreamPath: /^\/openai\/deployments\/gpt-4o-mini-deployment\/chat\/completions$/,
    checkRequest: (request) => {
      expect(request.headers['api-key']).toBe('azure-e2e-key-0123456789');
      expect(request.query['api-version']).toBe('2024-10-21');
    },
  },
  {
    name: 'cohere-model',
    litellmParams: (mock) => ({
      model: 'cohere_chat/command-a-03-2025',
      api_base: mock,
      api_key: 'co-e2e-key-0123456789',
    }),
    mockApiKeys: ['co-e2e-key-0123456789'],
    upstreamPath: /^\/v2\/chat$/,
    checkRequest: (request) => {
      expect(request.headers.authorization).toBe('Bearer co-e2e-key-0123456789');
      expect(request.body).toMatchObject({ model: 'command-a-03-2025' });
    },
  },
  {
    name: 'mistral-model',
    litellmParams: (mock) => ({
      model: 'mistral/mistral-small-latest',
      api_base: `${mock}/mistral/v1`,
      api_key: 'mistral-e2e-key-0123456789',
    }),
    mockApiKeys: ['mistral-e2e-key-0123456789'],
    upstreamPath: /^\/mistral\/v1\/chat\/completions$/,
    checkRequest: (request) => {
      expect(request.headers.authorization).toBe('Bearer mistral-e2e-key-0123456789');
      expect(request.body).toMatchObject({ model: 'mistral-small-latest' });
    },
  },
];
