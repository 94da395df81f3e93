import type { RecordedRequest } from '@switchyard-tooling/mock-upstream';

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
];
