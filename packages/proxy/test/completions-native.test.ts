import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

// Legacy completions passed through where the deployment serves /completions itself: OpenAI's
// completion models, Azure deployments of them, and the compatible services that have the route.
// The mock must see the native route (never chat) and every legacy field is honoured.
let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy(
    '',
    `  - model_name: gpt-instruct
    litellm_params:
      model: openai/gpt-3.5-turbo-instruct
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: together
    litellm_params:
      model: together_ai/meta-llama/Llama-3.3-70B-Instruct-Turbo
      api_base: MOCK/v1
      api_key: os.environ/TEST_UPSTREAM_KEY
  - model_name: azure-instruct
    litellm_params:
      model: azure/my-instruct-deployment
      api_base: MOCK
      api_key: os.environ/TEST_UPSTREAM_KEY
      api_version: 2024-10-21
    model_info:
      supported_endpoints: ["/v1/completions"]
`,
  );
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

const targets = [
  { model: 'gpt-instruct', upstream: 'gpt-3.5-turbo-instruct', path: '/v1/completions' },
  { model: 'together', upstream: 'meta-llama/Llama-3.3-70B-Instruct-Turbo', path: '/v1/completions' },
  {
    model: 'azure-instruct',
    upstream: 'my-instruct-deployment',
    path: '/openai/deployments/my-instruct-deployment/completions',
  },
];

describe.each(targets)('native legacy completions on $model', ({ model, upstream, path }) => {
  it('passes the body through (legacy fields included) and the upstream’s answer back', async () => {
    const completion = await client.completions.create({
      model,
      prompt: ['Once upon a time', 'In a galaxy'],
      max_tokens: 32,
      echo: true,
      logprobs: 1,
      n: 2,
    });
    expect(completion.choices.map((choice) => choice.index)).toEqual([0, 1, 2, 3]);
    expect(completion.choices[0]?.text).toBe('Once upon a timeMock reply to: Once upon a time');
    expect(completion.choices[0]?.logprobs?.tokens).toEqual([
      'Mock ',
      'reply ',
      'to: ',
      'Once ',
      'upon ',
      'a ',
      'time',
    ]);
    expect(completion.usage?.prompt_tokens).toBe(7);
    const request = setup.upstream.requests[0]!;
    expect(request.path).toBe(path);
    expect(request.body).toEqual({
      model: upstream,
      prompt: ['Once upon a time', 'In a galaxy'],
      max_tokens: 32,
      echo: true,
      logprobs: 1,
      n: 2,
    });
  });

  it('streams the upstream’s chunks through, without the usage chunk the client did not ask for', async () => {
    let text = '';
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of await client.completions.create({
      model,
      prompt: 'Hello there',
      stream: true,
    })) {
      chunks.push(chunk);
      text += chunk.choices[0]?.text ?? '';
    }
    expect(text).toBe('Mock reply to: Hello there');
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    // The gateway asked for usage (for its accounting) and kept that chunk from the client.
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(setup.upstream.requests[0]?.path).toBe(path);
  });

  it('streams the usage chunk when the client asks for it', async () => {
    const chunks: OpenAI.Completions.Completion[] = [];
    for await (const chunk of await client.completions.create({
      model,
      prompt: 'Hello there',
      stream: true,
      stream_options: { include_usage: true },
    })) {
      chunks.push(chunk);
    }
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 });
  });
});

describe('models without native completions', () => {
  it('keep the chat bridge (an OpenAI chat model)', async () => {
    const completion = await client.completions.create({ model: 'gpt-test', prompt: 'Say hi' });
    expect(completion.choices[0]?.text).toBe('Mock reply to: Say hi');
    expect(setup.upstream.requests[0]?.path).toBe('/v1/chat/completions');
  });

  it('relay an upstream error of the native route in OpenAI’s shape', async () => {
    setup.upstream.script({
      status: 400,
      times: 1,
      errorBody: {
        error: { message: 'bad prompt', type: 'invalid_request_error', param: 'prompt', code: null },
      },
    });
    const error = await client.completions
      .create({ model: 'gpt-instruct', prompt: 'x' })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).message).toContain('bad prompt');
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('prompt');
  });
});
