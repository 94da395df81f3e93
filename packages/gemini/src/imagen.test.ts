import {
  AuthenticationError,
  BadRequestError,
  ContentPolicyViolationError,
  type Provider,
  type ProviderCallOptions,
  RateLimitError,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { apiKey, bodyOf, failure } from './__fixtures__/provider-harness.js';
import { TEST_CLIENT_EMAIL, testServiceAccount } from './__fixtures__/service-account.js';
import { createGemini } from './gemini-provider.js';
import { createVertex } from './vertex-provider.js';

const imagen = 'imagen-4.0-generate-001';
const vertexPath = `/v1/projects/switchyard-test/locations/us-central1/publishers/google/models/${imagen}:predict`;
let mock: MockUpstream;
let gemini: Provider;
let vertex: Provider;
let vertexCall: ProviderCallOptions;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, TEST_CLIENT_EMAIL] });
  gemini = createGemini({ apiKey, baseURL: mock.url, env: {}, now: () => 1_750_000_000_000 });
  vertex = createVertex({ baseURL: mock.url, env: {} });
  vertexCall = {
    model: imagen,
    params: {
      vertex_project: 'switchyard-test',
      vertex_location: 'us-central1',
      vertex_credentials: JSON.stringify(testServiceAccount(mock.url).json),
    },
  };
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await gemini.close?.();
  await vertex.close?.();
  await mock.close();
});

const request = { model: 'alias', prompt: 'a lighthouse at dusk', n: 2, size: '1024x1024' };

describe('Imagen on the Gemini API', () => {
  it('posts :predict with the key header and answers b64_json images', async () => {
    const result = await gemini.generateImage?.(request, { model: imagen });

    const sent = mock.requests[0];
    expect(sent?.path).toBe(`/v1beta/models/${imagen}:predict`);
    expect(sent?.headers['x-goog-api-key']).toBe(apiKey);
    expect(sent?.query).toEqual({});
    expect(bodyOf(sent)).toEqual({
      instances: [{ prompt: 'a lighthouse at dusk' }],
      parameters: { sampleCount: 2, aspectRatio: '1:1' },
    });
    expect(result).toEqual({
      created: 1_750_000_000,
      output_format: 'png',
      data: [{ b64_json: expect.stringMatching(/^iVBOR/) }, { b64_json: expect.stringMatching(/^iVBOR/) }],
    });
  });

  it('refuses an unmappable size before reaching the network, and drops it with drop_params', async () => {
    const error = await failure(gemini.generateImage!({ ...request, size: '1792x1024' }, { model: imagen }));
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.param).toBe('size');
    expect(mock.requestCount()).toBe(0);

    await gemini.generateImage?.({ ...request, size: '1792x1024' }, { model: imagen, dropParams: true });
    expect(bodyOf(mock.requests[0]).parameters).toEqual({ sampleCount: 2 });
  });

  it('maps Google’s errors: a 429 to a rate limit, a blocked prompt to a content policy violation', async () => {
    mock.script({ match: { model: imagen }, status: 429, times: 1 });
    const limited = await failure(gemini.generateImage!(request, { model: imagen }));
    expect(limited).toBeInstanceOf(RateLimitError);

    const blocked = await failure(
      gemini.generateImage!({ ...request, prompt: 'something forbidden' }, { model: imagen }),
    );
    expect(blocked).toBeInstanceOf(ContentPolicyViolationError);
    expect(blocked.status).toBe(400);
  });

  it('passes a Vertex-only parameter through, so Google’s refusal names it', async () => {
    const error = await failure(
      gemini.generateImage!({ ...request, negativePrompt: 'fog' }, { model: imagen }),
    );
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.message).toContain('negativePrompt is not supported in the Gemini API');
  });

  it('refuses to call the public endpoint without a key', async () => {
    const anonymous = createGemini({ env: {} });
    const error = await failure(anonymous.generateImage!(request, { model: imagen }));
    await anonymous.close?.();
    expect(error).toBeInstanceOf(AuthenticationError);
  });
});

describe('Imagen on Vertex AI', () => {
  it('posts :predict to the publisher model with the OAuth token and Vertex’s own parameters', async () => {
    const result = await vertex.generateImage?.(
      { ...request, size: '1408x792', output_format: 'jpeg', enhancePrompt: true, seed: 7 },
      vertexCall,
    );

    const predict = mock.requests.find((sent) => sent.path === vertexPath);
    expect(predict?.headers.authorization).toMatch(/^Bearer /);
    expect(bodyOf(predict)).toEqual({
      instances: [{ prompt: 'a lighthouse at dusk' }],
      parameters: {
        sampleCount: 2,
        aspectRatio: '16:9',
        outputOptions: { mimeType: 'image/jpeg' },
        enhancePrompt: true,
        seed: 7,
      },
    });
    expect(result?.output_format).toBe('jpeg');
    expect(result?.data).toEqual([
      {
        b64_json: expect.stringMatching(/^\/9j\//),
        revised_prompt: expect.stringContaining('a lighthouse at dusk'),
      },
      {
        b64_json: expect.stringMatching(/^\/9j\//),
        revised_prompt: expect.stringContaining('a lighthouse at dusk'),
      },
    ]);
  });

  it('passes the safety filter’s reason on when every image is filtered', async () => {
    const error = await failure(
      vertex.generateImage!({ ...request, prompt: 'forbidden thing', includeRaiReason: true }, vertexCall),
    );
    expect(error).toBeInstanceOf(ContentPolicyViolationError);
    expect(error.message).toContain('safety filter threshold filtered out');
  });

  it('reads a recorded Vertex answer with filtered and kept images', async () => {
    mock.script({
      match: { model: imagen },
      status: 200,
      errorBody: loadJsonFixture('imagen-predict.response.json'),
      times: 1,
    });
    const result = await vertex.generateImage?.(request, vertexCall);
    expect(result?.data).toHaveLength(2);
    expect(result?.data[0]?.revised_prompt).toContain('red skateboard');
  });
});
