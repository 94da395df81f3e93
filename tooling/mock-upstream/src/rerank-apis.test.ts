import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockUpstream, startMockUpstream } from './index.js';
import { sigV4Headers } from './test-utils/aws-sigv4.js';
import { postJson } from './test-utils/http.js';
import { readJson } from './test-utils/read-json.js';

const key = 'rerank-mock-key-0123456789';
const aws = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secret: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };
let mock: MockUpstream;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [key, `${aws.accessKeyId}:${aws.secret}`] });
});
beforeEach(() => mock.reset());
afterAll(() => mock.close());

const documents = ['Berlin is in Germany', 'Paris is the capital of France', 'France has wine'];
const query = 'capital of France';
const auth = { authorization: `Bearer ${key}` };

async function post(path: string, body: unknown, headers: Record<string, string> = auth) {
  const response = await postJson(`${mock.url}${path}`, body, { headers });
  return { status: response.status, body: await readJson<Record<string, unknown>>(response) };
}

describe('Together AI rerank (/together/v1/rerank)', () => {
  it('ranks strings and JSON objects by rank_fields, with the documents and usage', async () => {
    const result = await post('/together/v1/rerank', {
      model: 'Salesforce/Llama-Rank-V1',
      query,
      documents: [
        { title: 'Germany', text: documents[0] },
        { title: 'France', text: documents[1] },
      ],
      rank_fields: ['text'],
      top_n: 1,
      return_documents: true,
    });
    expect(result.status).toBe(200);
    expect(result.body).toMatchObject({ object: 'rerank', model: 'Salesforce/Llama-Rank-V1' });
    expect(result.body.results).toEqual([
      {
        index: 1,
        relevance_score: 1,
        document: { text: JSON.stringify({ title: 'France', text: documents[1] }) },
      },
    ]);
    expect(result.body.usage).toEqual({ prompt_tokens: 16, completion_tokens: 0, total_tokens: 16 });
  });

  it('answers a missing query and a wrong key in OpenAI’s error shape', async () => {
    const invalid = await post('/together/v1/rerank', { model: 'm', documents });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toMatchObject({ error: { message: 'query is required', param: 'query' } });
    const denied = await post(
      '/together/v1/rerank',
      { model: 'm', query, documents },
      { authorization: 'Bearer x' },
    );
    expect(denied.status).toBe(401);
  });
});

describe('Jina AI (/jina/v1)', () => {
  it('returns documents unless return_documents is false, and total_tokens', async () => {
    const withDocs = await post('/jina/v1/rerank', {
      model: 'jina-reranker-v2-base-multilingual',
      query,
      documents,
    });
    expect(withDocs.body.results).toEqual([
      { index: 1, relevance_score: 1, document: { text: documents[1] } },
      { index: 2, relevance_score: 0.333333, document: { text: documents[2] } },
      { index: 0, relevance_score: 0, document: { text: documents[0] } },
    ]);
    expect(withDocs.body.usage).toEqual({ total_tokens: 22 });
    const bare = await post('/jina/v1/rerank', {
      model: 'jina-reranker-v2-base-multilingual',
      query,
      documents: [{ text: documents[0] }, documents[1]],
      return_documents: false,
      top_n: 1,
    });
    expect(bare.body.results).toEqual([{ index: 1, relevance_score: 1 }]);
  });

  it('embeds with embedding_type and reports prompt and total tokens', async () => {
    const result = await post('/jina/v1/embeddings', {
      model: 'jina-embeddings-v3',
      input: ['one two', 'three'],
      embedding_type: 'base64',
      dimensions: 8,
    });
    expect(result.status).toBe(200);
    const data = result.body.data as Array<{ embedding: unknown }>;
    expect(typeof data[0]?.embedding).toBe('string');
    expect(result.body.usage).toEqual({ total_tokens: 3, prompt_tokens: 3 });
  });

  it('answers errors with FastAPI’s detail', async () => {
    const invalid = await post('/jina/v1/rerank', { model: 'm', query, documents: [] });
    expect(invalid.status).toBe(422);
    expect(invalid.body.detail).toEqual([expect.objectContaining({ loc: ['body', 'documents'] })]);
    mock.script({ status: 429, times: 1 });
    expect(await post('/jina/v1/rerank', { model: 'm', query, documents })).toEqual({
      status: 429,
      body: { detail: 'Rate limit exceeded. Please slow down.' },
    });
  });
});

describe('Voyage AI (/voyage/v1)', () => {
  it('ranks with top_k into data[], documents as strings when asked', async () => {
    const result = await post('/voyage/v1/rerank', {
      model: 'rerank-2',
      query,
      documents,
      top_k: 2,
      return_documents: true,
    });
    expect(result.body).toEqual({
      object: 'list',
      data: [
        { index: 1, relevance_score: 1, document: documents[1] },
        { index: 2, relevance_score: 0.333333, document: documents[2] },
      ],
      model: 'rerank-2',
      usage: { total_tokens: 22 },
    });
    expect(
      (await post('/voyage/v1/rerank', { model: 'rerank-2', query, documents: [{ text: 'x' }] })).status,
    ).toBe(400);
  });

  it('embeds with output_dimension, refuses encoding_format float and reports total_tokens only', async () => {
    const result = await post('/voyage/v1/embeddings', {
      model: 'voyage-3.5',
      input: 'one two',
      output_dimension: 4,
    });
    expect((result.body.data as Array<{ embedding: number[] }>)[0]?.embedding).toHaveLength(4);
    expect(result.body.usage).toEqual({ total_tokens: 2 });
    const refused = await post('/voyage/v1/embeddings', {
      model: 'voyage-3.5',
      input: 'x',
      encoding_format: 'float',
    });
    expect(refused.status).toBe(400);
    expect(String(refused.body.detail)).toContain('encoding_format');
  });
});

describe('vLLM rerank (/vllm)', () => {
  it.each(['/vllm/rerank', '/vllm/v1/rerank', '/vllm/v2/rerank'])(
    'answers at %s with the documents',
    async (path) => {
      const result = await post(path, { model: 'BAAI/bge-reranker-v2-m3', query, documents, top_n: 1 });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({
        id: expect.stringMatching(/^rerank-/),
        usage: { total_tokens: 22 },
        results: [{ index: 1, document: { text: documents[1] }, relevance_score: 1 }],
      });
    },
  );

  it('answers errors in vLLM’s shape', async () => {
    const invalid = await post('/vllm/v1/rerank', { model: 'm', query, documents: [1] });
    expect(invalid.body).toEqual({
      object: 'error',
      message: 'documents must be strings',
      type: 'BadRequestError',
      param: null,
      code: 400,
    });
    expect((await post('/vllm/v1/rerank', { model: 'm', query, documents }, {})).body).toEqual({
      error: 'Unauthorized',
    });
  });
});

describe('Bedrock Agent Runtime rerank (POST /rerank)', () => {
  const modelArn = 'arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0';
  const rerankBody = (extra: Record<string, unknown> = {}) => ({
    queries: [{ type: 'TEXT', textQuery: { text: query } }],
    sources: documents.map((text) => ({
      type: 'INLINE',
      inlineDocumentSource: { type: 'TEXT', textDocument: { text } },
    })),
    rerankingConfiguration: {
      type: 'BEDROCK_RERANKING_MODEL',
      bedrockRerankingConfiguration: { numberOfResults: 2, modelConfiguration: { modelArn } },
    },
    ...extra,
  });
  const signed = (body: unknown) => {
    const text = JSON.stringify(body);
    return postJson(`${mock.url}/rerank`, text, {
      headers: sigV4Headers(`${mock.url}/rerank`, text, aws, { region: 'us-west-2' }),
    });
  };

  it('ranks the inline sources for a SigV4-signed request', async () => {
    const response = await signed(rerankBody());
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      results: [
        { index: 1, relevanceScore: 1, document: { type: 'TEXT', textDocument: { text: documents[1] } } },
        {
          index: 2,
          relevanceScore: 0.333333,
          document: { type: 'TEXT', textDocument: { text: documents[2] } },
        },
      ],
    });
  });

  it('refuses a model without reranking and two queries with a ValidationException', async () => {
    const body = rerankBody();
    body.rerankingConfiguration.bedrockRerankingConfiguration.modelConfiguration.modelArn =
      'arn:aws:bedrock:us-west-2::foundation-model/amazon.titan-text-express-v1';
    const wrongModel = await signed(body);
    expect(wrongModel.status).toBe(400);
    expect(wrongModel.headers.get('x-amzn-errortype')).toMatch(/^ValidationException:/);
    const twoQueries = await signed(rerankBody({ queries: [body.queries[0], body.queries[0]] }));
    expect(twoQueries.status).toBe(400);
  });
});
