import { AuthenticationError } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKey, call, failure, hello, otherKey } from './__fixtures__/provider-harness.js';
import { createOpenAICompatible } from './openai-compatible-provider.js';

// The wire behaviour shared with createOpenAI is tested for both in openai-provider*.test.ts.

let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

describe('createOpenAICompatible settings', () => {
  it('reads its key from its own environment variable and names itself in errors', async () => {
    const provider = createOpenAICompatible({
      id: 'groq',
      baseURL: `${mock.url}/v1`,
      apiKeyEnvVar: 'GROQ_API_KEY',
      env: { GROQ_API_KEY: otherKey },
    });
    mock.script({ status: 503, times: 1 });

    const error = await failure(provider.chat(hello, call));
    await provider.chat(hello, call);
    await provider.close?.();

    expect(error).toMatchObject({ provider: 'groq', upstreamStatus: 503, retryable: true });
    expect(mock.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${otherKey}`,
      `Bearer ${otherKey}`,
    ]);
  });

  it('sends one authorization header: a configured one (any case) replaces the key', async () => {
    const provider = createOpenAICompatible({
      id: 'custom-auth',
      baseURL: `${mock.url}/v1`,
      apiKey: 'sk-not-used',
      headers: { Authorization: `Bearer ${otherKey}` },
    });
    await provider.chat(hello, call);
    await provider.close?.();
    const sent = mock.requests[0]?.headers.authorization;
    expect(sent).toBe(`Bearer ${otherKey}`);
  });

  it('names the environment variable when a required key is missing', async () => {
    const provider = createOpenAICompatible({
      id: 'groq',
      baseURL: `${mock.url}/v1`,
      apiKeyEnvVar: 'GROQ_API_KEY',
      requiresApiKey: () => true,
      env: {},
    });

    const error = await failure(provider.chat(hello, call));

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error).toMatchObject({ provider: 'groq' });
    expect(error.message).toContain('GROQ_API_KEY');
    expect(mock.requestCount()).toBe(0);
  });
});
