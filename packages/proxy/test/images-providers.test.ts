import { createAzure } from '@switchyard/azure';
import { createVertex } from '@switchyard/gemini';
import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: azure-dalle
    litellm_params:
      model: azure/dall-e-3-prod
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_version: 2024-10-21
  - model_name: imagen
    litellm_params:
      model: gemini/imagen-4.0-generate-001
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: vertex-imagen
    litellm_params:
      model: vertex_ai/imagen-4.0-fast-generate-001
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      vertex_project: switchyard-test
      vertex_location: europe-west4
`,
    [createAzure({ env: {} }), createVertex({ env: {} })],
  );
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

describe('native image generation with the official openai client', () => {
  it('generates on an Azure deployment, content filter verdicts passed through', async () => {
    const result = await client.images.generate({
      model: 'azure-dalle',
      prompt: 'a lighthouse',
      size: '1024x1024',
    });

    expect(result.data?.[0]?.b64_json).toMatch(/^iVBOR/);
    expect(result.data?.[0]).toHaveProperty('content_filter_results');
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/openai/deployments/dall-e-3-prod/images/generations');
    expect(upstream?.query).toEqual({ 'api-version': '2024-10-21' });
    expect(upstream?.headers['api-key']).toBe(upstreamKey);
    expect(upstream?.body).toMatchObject({
      prompt: 'a lighthouse',
      size: '1024x1024',
      model: 'dall-e-3-prod',
    });
  });

  it('generates with Imagen on the Gemini API: n and size mapped, images as b64_json', async () => {
    const result = await client.images.generate({
      model: 'imagen',
      prompt: 'a lighthouse',
      n: 3,
      size: '1024x1024',
    });

    expect(result.data).toHaveLength(3);
    expect(result.data?.[0]?.b64_json).toMatch(/^iVBOR/);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1beta/models/imagen-4.0-generate-001:predict');
    expect(upstream?.headers['x-goog-api-key']).toBe(upstreamKey);
    expect(upstream?.body).toEqual({
      instances: [{ prompt: 'a lighthouse' }],
      parameters: { sampleCount: 3, aspectRatio: '1:1' },
    });
  });

  it('generates with Imagen on Vertex AI in the deployment’s project and region', async () => {
    const result = await client.images.generate({
      model: 'vertex-imagen',
      prompt: 'a lighthouse',
      size: '1024x768',
    });

    expect(result.data).toHaveLength(1);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe(
      '/v1/projects/switchyard-test/locations/europe-west4/publishers/google/models/imagen-4.0-fast-generate-001:predict',
    );
    expect(upstream?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(upstream?.body).toMatchObject({ parameters: { sampleCount: 1, aspectRatio: '4:3' } });
  });

  it('refuses a size Imagen cannot draw with a 400 naming it, and drops it with drop_params', async () => {
    const error = await client.images
      .generate({ model: 'imagen', prompt: 'a lighthouse', size: '1792x1024' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('size');
    expect(setup.upstream.requests).toHaveLength(0);

    const dropped = await fetch(`${setup.proxy.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'imagen', prompt: 'a lighthouse', size: '1792x1024', drop_params: true }),
    });
    expect(dropped.status).toBe(200);
    expect(setup.upstream.requests[0]?.body).toEqual({
      instances: [{ prompt: 'a lighthouse' }],
      parameters: { sampleCount: 1 },
    });
  });

  it('answers a prompt Imagen’s safety filters block with a 400 content_policy_violation', async () => {
    const error = await client.images
      .generate({ model: 'imagen', prompt: 'something forbidden' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('content_policy_violation');
  });

  it('maps an upstream rate limit to a 429', async () => {
    setup.upstream.script({ match: { model: 'imagen-4.0-generate-001' }, status: 429 });
    const error = await client.images
      .generate({ model: 'imagen', prompt: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
  });
});
