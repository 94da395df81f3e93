import {
  BadGatewayError,
  createHttpTransport,
  type HttpTransport,
  type Provider,
  RateLimitError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKey, bedrockAt, failure, mockApiKeys } from './__fixtures__/provider-harness.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: mockApiKeys });
  provider = bedrockAt(mock.url, { region: 'us-west-2' });
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const documents = ['Berlin is in Germany', 'Paris is the capital of France', 'France has wine'];
const request = {
  model: 'reranker',
  query: 'capital of France',
  documents,
  top_n: 2,
  return_documents: true,
};
const call = { model: 'amazon.rerank-v1:0' };

describe('rerank through Bedrock Agent Runtime', () => {
  it('posts a SigV4-signed Rerank call (service bedrock) and answers in Cohere’s shape', async () => {
    const result = await provider.rerank?.(request, call);

    const sent = mock.requests[0];
    expect(sent?.path).toBe('/rerank');
    expect(sent?.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-west-2\/bedrock\/aws4_request/,
    );
    expect(sent?.body).toMatchObject({
      rerankingConfiguration: {
        bedrockRerankingConfiguration: {
          numberOfResults: 2,
          modelConfiguration: { modelArn: 'arn:aws:bedrock:us-west-2::foundation-model/amazon.rerank-v1:0' },
        },
      },
    });
    expect(result).toEqual({
      id: expect.stringMatching(/^rerank-/),
      results: [
        { index: 1, relevance_score: 1, document: { text: documents[1] } },
        { index: 2, relevance_score: 0.333333, document: { text: documents[2] } },
      ],
      meta: { billed_units: { search_units: 1 } },
    });
  });

  it('authenticates with a Bedrock API key as a bearer token', async () => {
    const keyed = bedrockAt(mock.url, {
      region: 'us-west-2',
      accessKeyId: undefined,
      secretAccessKey: undefined,
      apiKey,
    });
    const result = await keyed.rerank?.(
      { ...request, documents: documents.slice(0, 2) },
      { model: 'cohere.rerank-v3-5:0' },
    );
    await keyed.close?.();
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${apiKey}`);
    expect(result?.results[0]?.index).toBe(1);
  });

  it('goes to the regional bedrock-agent-runtime host by default', async () => {
    const urls: string[] = [];
    const http = createHttpTransport();
    const transport: HttpTransport = {
      request: (sent) => {
        urls.push(sent.url);
        return http.request({ ...sent, url: `${mock.url}${new URL(sent.url).pathname}` });
      },
      close: () => http.close(),
    };
    const regional = bedrockAt('', { baseURL: undefined, region: 'eu-central-1', apiKey, transport });
    await regional.rerank?.(request, call);
    await regional.close?.();
    expect(urls).toEqual(['https://bedrock-agent-runtime.eu-central-1.amazonaws.com/rerank']);
  });

  it('maps Bedrock’s errors: a ValidationException naming the model, a throttle, a malformed body', async () => {
    const wrong = await failure(provider.rerank!(request, { model: 'amazon.titan-text-express-v1' }));
    expect(wrong.status).toBe(400);
    expect(wrong.message).toContain('does not support reranking');

    mock.script({ status: 429, times: 1 });
    expect(await failure(provider.rerank!(request, call))).toBeInstanceOf(RateLimitError);

    mock.script({ status: 200, errorBody: { nextToken: 'x' }, times: 1 });
    expect(await failure(provider.rerank!(request, call))).toBeInstanceOf(BadGatewayError);
  });
});
