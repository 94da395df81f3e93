import { createAzure } from '@switchyard/azure';
import { createBedrock } from '@switchyard/bedrock';
import { createHostedVllm } from '@switchyard/hosted-vllm';
import { createJinaAi } from '@switchyard/jina-ai';
import { createTogetherAi } from '@switchyard/together-ai';
import { createVoyage } from '@switchyard/voyage';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;

const deployment = (name: string, model: string, apiBase: string, extra = '') => `  - model_name: ${name}
    litellm_params:
      model: ${model}
      api_base: ${apiBase}
      api_key: os.environ/TEST_UPSTREAM_KEY
${extra}`;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    [
      deployment('together-rerank', 'together_ai/Salesforce/Llama-Rank-v1', 'MOCK/together/v1'),
      deployment('jina-rerank', 'jina_ai/jina-reranker-v2-base-multilingual', 'MOCK/jina/v1'),
      deployment('voyage-rerank', 'voyage/rerank-2.5', 'MOCK/voyage/v1'),
      deployment('vllm-rerank', 'hosted_vllm/BAAI/bge-reranker-v2-m3', 'MOCK/vllm/v1'),
      deployment(
        'bedrock-rerank',
        'bedrock/amazon.rerank-v1:0',
        'MOCK',
        '      aws_region_name: us-west-2\n',
      ),
      deployment('azure-chat', 'azure/gpt-4o-mini', 'MOCK'),
    ].join(''),
    [
      createTogetherAi({ env: {} }),
      createJinaAi({ env: {} }),
      createVoyage({ env: {} }),
      createHostedVllm({ env: {} }),
      createBedrock({ env: {} }),
      createAzure({ env: {} }),
    ],
  );
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

async function post(path: string, body: unknown) {
  const response = await fetch(`${setup.proxy.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const documents = ['Berlin is in Germany', 'Paris is the capital of France', 'France has wine'];
const rerank = (model: string, extra: Record<string, unknown> = {}) =>
  post('/v1/rerank', {
    model,
    query: 'capital of France',
    documents,
    top_n: 2,
    return_documents: true,
    ...extra,
  });
const errorOf = (body: Record<string, unknown>) =>
  body.error as { message: string; param: string | null; code: string };

describe('native rerank through /v1/rerank, in Cohere’s shape', () => {
  it.each([
    ['together-rerank', '/together/v1/rerank', { top_n: 2 }, { billed_units: { total_tokens: 22 } }],
    ['jina-rerank', '/jina/v1/rerank', { top_n: 2 }, { billed_units: { total_tokens: 22 } }],
    ['voyage-rerank', '/voyage/v1/rerank', { top_k: 2 }, { billed_units: { total_tokens: 22 } }],
    ['vllm-rerank', '/vllm/v1/rerank', { top_n: 2 }, { billed_units: { total_tokens: 22 } }],
    ['bedrock-rerank', '/rerank', {}, { billed_units: { search_units: 1 } }],
  ])('%s: calls %s with the deployment’s key and ranks the documents', async (model, path, sent, meta) => {
    const result = await rerank(model);

    expect(result.status).toBe(200);
    expect(result.body.results).toEqual([
      { index: 1, relevance_score: 1, document: { text: documents[1] } },
      { index: 2, relevance_score: 0.333333, document: { text: documents[2] } },
    ]);
    expect(result.body.meta).toMatchObject(meta);
    expect(typeof result.body.id).toBe('string');
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe(path);
    expect(upstream?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(upstream?.body).toMatchObject(sent);
  });

  it('sends Bedrock the model’s ARN in the deployment’s region', async () => {
    await rerank('bedrock-rerank');
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      queries: [{ type: 'TEXT', textQuery: { text: 'capital of France' } }],
      rerankingConfiguration: {
        type: 'BEDROCK_RERANKING_MODEL',
        bedrockRerankingConfiguration: {
          numberOfResults: 2,
          modelConfiguration: { modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0' },
        },
      },
    });
  });

  it('refuses a field the service cannot take, naming it, unless drop_params', async () => {
    const refused = await rerank('voyage-rerank', { max_tokens_per_doc: 256 });
    expect(refused.status).toBe(400);
    expect(errorOf(refused.body).param).toBe('max_tokens_per_doc');
    expect(errorOf(refused.body).message).toContain(
      'voyage does not support the parameter "max_tokens_per_doc"',
    );
    expect(setup.upstream.requests).toHaveLength(0);
    const dropped = await rerank('voyage-rerank', { max_tokens_per_doc: 256, drop_params: true });
    expect(dropped.status).toBe(200);
  });

  it('maps upstream failures to the matching status in OpenAI’s error shape', async () => {
    setup.upstream.script({ status: 429, headers: { 'retry-after': '1' } });
    const limited = await rerank('jina-rerank');
    expect(limited.status).toBe(429);
    expect(errorOf(limited.body).message).toContain('Rate limit exceeded');

    setup.upstream.reset();
    setup.upstream.script({ status: 401 });
    const denied = await rerank('together-rerank');
    expect(denied.status).toBe(401);
    expect(JSON.stringify(denied.body)).not.toContain(upstreamKey);
  });

  it('answers a provider without rerank, and chat on a rerank-only service, with a 400 naming the provider', async () => {
    const noRerank = await rerank('azure-chat');
    expect(noRerank.status).toBe(400);
    expect(errorOf(noRerank.body).message).toContain('Provider "azure" does not support rerank');

    const noChat = await post('/v1/chat/completions', {
      model: 'jina-rerank',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(noChat.status).toBe(400);
    expect(errorOf(noChat.body).message).toContain('"jina_ai" does not support chat completions');
    expect(setup.upstream.requests).toHaveLength(0);
  });
});
