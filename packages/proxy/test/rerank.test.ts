import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: reranker
    litellm_params:
      model: cohere/rerank-v3.5
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
`,
  );
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

async function rerank(path: string, body: unknown) {
  const response = await fetch(`${setup.proxy.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('rerank in Cohere’s shape', () => {
  it('ranks documents through Cohere’s native endpoint', async () => {
    const result = await rerank('/v1/rerank', {
      model: 'reranker',
      query: 'capital of France',
      documents: ['Berlin is in Germany', 'Paris is the capital of France', { text: 'France has wine' }],
      top_n: 2,
      return_documents: true,
    });
    expect(result.status).toBe(200);
    const results = result.body.results as Array<{
      index: number;
      relevance_score: number;
      document?: { text: string };
    }>;
    expect(results.map((item) => item.index)).toEqual([1, 2]);
    expect(results[0]?.document?.text).toBe('Paris is the capital of France');
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v2/rerank');
    expect(upstream?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(upstream?.body).toEqual({
      model: 'rerank-v3.5',
      query: 'capital of France',
      documents: ['Berlin is in Germany', 'Paris is the capital of France', 'France has wine'],
      top_n: 2,
    });
  });

  it('answers on /rerank and /v2/rerank too', async () => {
    for (const path of ['/rerank', '/v2/rerank']) {
      const result = await rerank(path, { model: 'reranker', query: 'q', documents: ['q'] });
      expect(result.status).toBe(200);
    }
  });

  it('refuses a provider without rerank, and a request without documents, naming them', async () => {
    const unsupported = await rerank('/v1/rerank', { model: 'gpt-test', query: 'q', documents: ['a'] });
    expect(unsupported.status).toBe(400);
    expect((unsupported.body.error as { message: string }).message).toContain(
      '"openai" does not support rerank',
    );
    const invalid = await rerank('/v1/rerank', { model: 'reranker', query: 'q', documents: [] });
    expect(invalid.status).toBe(400);
    expect((invalid.body.error as { param: string }).param).toBe('documents');
  });
});
