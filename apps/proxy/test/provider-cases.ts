import { generateKeyPairSync } from 'node:crypto';
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

// AWS's documentation example credentials (not real).
const awsAccessKeyId = 'AKIAIOSFODNN7EXAMPLE';
const awsSecretAccessKey = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const vertexClientEmail = 'switchyard-e2e@switchyard-e2e.iam.gserviceaccount.com';
let privateKey: string | undefined;

/** A service-account key like Google issues, with a fresh RSA key, its token_uri at the mock. */
function serviceAccount(mock: string) {
  privateKey ??= generateKeyPairSync('rsa', { modulusLength: 2048 })
    .privateKey.export({ type: 'pkcs8', format: 'pem' })
    .toString();
  return {
    type: 'service_account',
    project_id: 'switchyard-e2e',
    private_key_id: '0123456789abcdef0123456789abcdef01234567',
    private_key: privateKey,
    client_email: vertexClientEmail,
    client_id: '100000000000000000001',
    token_uri: `${mock}/token`,
  };
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
  {
    name: 'anthropic-model',
    litellmParams: (mock) => ({
      model: 'anthropic/claude-sonnet-4-5',
      api_base: mock,
      api_key: 'sk-ant-e2e-key-0123456789',
    }),
    mockApiKeys: ['sk-ant-e2e-key-0123456789'],
    upstreamPath: /^\/v1\/messages$/,
    checkRequest: (request) => {
      expect(request.headers['x-api-key']).toBe('sk-ant-e2e-key-0123456789');
      expect(request.headers['anthropic-version']).toBe('2023-06-01');
      expect(request.body).toMatchObject({ model: 'claude-sonnet-4-5', max_tokens: expect.any(Number) });
    },
  },
  {
    name: 'gemini-model',
    litellmParams: (mock) => ({
      model: 'gemini/gemini-2.0-flash',
      api_base: mock,
      api_key: 'AIzaSy-e2e-gemini-key-0123456789',
    }),
    mockApiKeys: ['AIzaSy-e2e-gemini-key-0123456789'],
    upstreamPath: /^\/v1beta\/models\/gemini-2\.0-flash:(generateContent|streamGenerateContent)$/,
    checkRequest: (request) => {
      // The key travels in a header, never in the URL.
      expect(request.headers['x-goog-api-key']).toBe('AIzaSy-e2e-gemini-key-0123456789');
      expect(JSON.stringify(request.query)).not.toContain('AIzaSy');
      expect(request.body).toHaveProperty('contents');
    },
  },
  {
    name: 'vertex-model',
    litellmParams: (mock) => ({
      model: 'vertex_ai/gemini-2.0-flash',
      api_base: mock,
      vertex_project: 'switchyard-e2e',
      vertex_location: 'us-central1',
      vertex_credentials: JSON.stringify(serviceAccount(mock)),
    }),
    mockApiKeys: [vertexClientEmail],
    upstreamPath:
      /^\/v1\/projects\/switchyard-e2e\/locations\/us-central1\/publishers\/google\/models\/gemini-2\.0-flash:(generateContent|streamGenerateContent)$/,
    checkRequest: (request) => {
      expect(request.headers.authorization).toMatch(/^Bearer \S+/);
    },
  },
  {
    name: 'bedrock-model',
    litellmParams: (mock) => ({
      model: 'bedrock/anthropic.claude-3-5-sonnet-20240620-v1:0',
      aws_access_key_id: awsAccessKeyId,
      aws_secret_access_key: awsSecretAccessKey,
      aws_region_name: 'us-east-1',
      aws_bedrock_runtime_endpoint: mock,
    }),
    // The mock verifies the SigV4 signature with the secret.
    mockApiKeys: [`${awsAccessKeyId}:${awsSecretAccessKey}`],
    upstreamPath: /^\/model\/anthropic\.claude-3-5-sonnet-20240620-v1(:|%3A)0\/(converse|converse-stream)$/,
    checkRequest: (request) => {
      expect(request.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/,
      );
      expect(request.body).toHaveProperty('messages');
    },
  },
];

/**
 * The OpenAI-compatible services: each as litellm configures it (`<id>/<model>`, api_base, key),
 * answered by the mock's OpenAI routes.
 */
const compatibleServices: Array<[id: string, model: string, keyed: boolean]> = [
  // keyed: false marks services whose key is optional; the test sends one anyway, since the mock
  // upstream checks keys for every route (their packages' own tests cover the keyless calls).
  ['groq', 'llama-3.3-70b-versatile', true],
  ['together_ai', 'meta-llama/Llama-3.3-70B-Instruct-Turbo', true],
  ['fireworks_ai', 'accounts/fireworks/models/llama-v3p1-8b-instruct', true],
  ['deepseek', 'deepseek-chat', true],
  ['xai', 'grok-3', true],
  ['openrouter', 'anthropic/claude-sonnet-4.5', true],
  ['perplexity', 'sonar', true],
  ['deepinfra', 'meta-llama/Meta-Llama-3.1-8B-Instruct', true],
  ['cerebras', 'llama3.1-8b', true],
  ['sambanova', 'Meta-Llama-3.3-70B-Instruct', true],
  ['nvidia_nim', 'meta/llama-3.1-8b-instruct', true],
  ['ollama', 'llama3.2', false],
  ['lm_studio', 'qwen2.5-7b-instruct', false],
  ['hosted_vllm', 'Qwen/Qwen2.5-7B-Instruct', false],
  ['llamafile', 'LLaMA_CPP', false],
  ['huggingface', 'meta-llama/Llama-3.1-8B-Instruct', true],
  ['github', 'openai/gpt-4.1-mini', true],
  ['moonshot', 'kimi-k2-0905-preview', true],
  ['dashscope', 'qwen-plus', true],
  ['volcengine', 'doubao-seed-1-6-250615', true],
  ['novita', 'meta-llama/llama-3.1-8b-instruct', true],
  ['hyperbolic', 'meta-llama/Llama-3.3-70B-Instruct', true],
  ['nebius', 'meta-llama/Meta-Llama-3.1-8B-Instruct', true],
  ['lambda_ai', 'llama3.1-8b-instruct', true],
  ['friendliai', 'meta-llama-3.1-8b-instruct', true],
  ['featherless_ai', 'meta-llama/Meta-Llama-3.1-8B-Instruct', true],
  ['cloudflare', '@cf/meta/llama-3.1-8b-instruct', true],
  ['baseten', 'deepseek-ai/DeepSeek-V3-0324', true],
  ['databricks', 'databricks-meta-llama-3-3-70b-instruct', true],
  ['openai_like', 'my-model', false],
];

for (const [id, model, keyed] of compatibleServices) {
  // databricks serves OpenAI's format under {api_base}/serving-endpoints.
  const prefix = id === 'databricks' ? '/serving-endpoints' : '/v1';
  const key = `sk-e2e-${id.replaceAll('_', '-')}-0123456789`;
  providerCases.push({
    name: `${id}-model`,
    litellmParams: (mock) => ({
      model: `${id}/${model}`,
      api_base: id === 'databricks' ? mock : `${mock}/v1`,
      api_key: key,
    }),
    mockApiKeys: [key],
    upstreamPath: new RegExp(`^${prefix}/chat/completions$`),
    checkRequest: (request) => {
      expect(request.headers.authorization).toBe(`Bearer ${key}`);
      if (!keyed) expect(request.body).toHaveProperty('messages');
    },
  });
}
