import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: moderation
    litellm_params:
      model: openai/omni-moderation-latest
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: image
    litellm_params:
      model: openai/gpt-image-1
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
`,
  );
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

describe('moderations and image generation with the official openai client', () => {
  it('moderates through the provider’s native endpoint', async () => {
    const result = await client.moderations.create({
      model: 'moderation',
      input: ['hello', 'flag-me please'],
    });
    expect(result.results.map((item) => item.flagged)).toEqual([false, true]);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1/moderations');
    expect(upstream?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(upstream?.body).toMatchObject({ model: 'omni-moderation-latest' });
  });

  it('generates images through the provider’s native endpoint', async () => {
    const result = await client.images.generate({ model: 'image', prompt: 'a lighthouse', n: 2 });
    expect(result.data).toHaveLength(2);
    expect(result.data?.[0]?.b64_json).toMatch(/^iVBOR/);
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      model: 'gpt-image-1',
      prompt: 'a lighthouse',
      n: 2,
    });
  });

  it('answers a provider without the capability with a 400 naming it', async () => {
    const error = await client.images
      .generate({ model: 'local', prompt: 'a lighthouse' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain('"mock" does not support image generation');
    const refused = await client.moderations.create({ model: 'local', input: 'x' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OpenAI.BadRequestError);
  });

  it('refuses a request without a prompt with a 400 naming the field', async () => {
    const response = await fetch(`${setup.proxy.url}/v1/images/generations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${masterKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'image' }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { param: string } };
    expect(body.error.param).toBe('prompt');
  });
});
