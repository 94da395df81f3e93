import type { Provider, ProviderCallOptions } from '@switchyard/core';
import { createBedrock } from '../bedrock-provider.js';

/** How the shared conformance suite reaches a provider through the mock upstream. */
export interface ConformanceTarget {
  name: string;
  createProvider(mockOrigin: string): Provider;
  callOptions(mockOrigin: string): ProviderCallOptions;
  mockApiKeys: string[];
  embeddingModel?: string;
  /** Explicit, reasoned skips of the shared suite. */
  unsupported?: Partial<Record<'reasoningTokens' | 'cachedTokens', string>>;
}

// AWS's documentation example credentials; the mock verifies the SigV4 signature with the secret.
const accessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const secretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

/**
 * Bedrock as a litellm deployment configures it: the model id (with a `:` the path must encode),
 * IAM credentials and region in litellm_params, the mock as aws_bedrock_runtime_endpoint. Every
 * call is SigV4-signed and the mock checks the signature.
 */
export const conformance: ConformanceTarget[] = [
  {
    name: 'bedrock',
    createProvider: (): Provider => createBedrock({ env: {} }),
    callOptions: (mockOrigin: string): ProviderCallOptions => ({
      model: 'anthropic.claude-3-5-sonnet-20240620-v1:0',
      params: {
        aws_access_key_id: accessKeyId,
        aws_secret_access_key: secretAccessKey,
        aws_region_name: 'us-east-1',
        aws_bedrock_runtime_endpoint: mockOrigin,
      },
    }),
    mockApiKeys: [`${accessKeyId}:${secretAccessKey}`],
    embeddingModel: 'amazon.titan-embed-text-v2:0',
    unsupported: {
      reasoningTokens:
        "Converse's TokenUsage has no reasoning count: thinking is counted inside outputTokens with no split",
    },
  },
];
