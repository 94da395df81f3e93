import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy, upstreamKey } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy();
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

const messages = [{ role: 'user' as const, content: 'Say hello to the gateway' }];

describe('the official openai client against the proxy', () => {
  it('gets a chat answer, and the upstream sees the configured key and upstream model', async () => {
    const answer = await client.chat.completions.create({ model: 'gpt-test', messages, temperature: 0.2 });
    expect(answer.choices[0]?.message.content).toContain('Say hello to the gateway');
    expect(answer.usage?.total_tokens).toBeGreaterThan(0);
    const [request] = setup.upstream.requests;
    expect(request?.path).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${upstreamKey}`);
    expect(request?.body).toMatchObject({ model: 'gpt-4o-mini-2024-07-18', messages, temperature: 0.2 });
  });

  it('streams chunk by chunk with the final usage chunk intact', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-test',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let chunks = 0;
    let usage: OpenAI.CompletionUsage | null | undefined;
    let finish: string | null | undefined;
    for await (const chunk of stream) {
      chunks += 1;
      text += chunk.choices[0]?.delta.content ?? '';
      finish ??= chunk.choices[0]?.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(chunks).toBeGreaterThan(3);
    expect(finish).toBe('stop');
    const plain = await client.chat.completions.create({ model: 'gpt-test', messages });
    expect(text).toBe(plain.choices[0]?.message.content);
    expect(usage).toEqual(plain.usage);
  });

  it('asks upstream for usage but hides the usage chunk from a client that did not ask', async () => {
    const stream = await client.chat.completions.create({ model: 'gpt-test', messages, stream: true });
    const chunks: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('gets embeddings (the client asks for base64 and decodes it)', async () => {
    const result = await client.embeddings.create({ model: 'embed-test', input: ['one', 'two'] });
    expect(result.data).toHaveLength(2);
    const vector = result.data[0]!.embedding;
    expect(vector.length).toBeGreaterThan(0);
    const norm = Math.sqrt(vector.reduce((sum, value) => sum + value * value, 0));
    expect(norm).toBeCloseTo(1, 4);
    expect(setup.upstream.requests[0]?.body).toMatchObject({
      model: 'text-embedding-3-small',
      encoding_format: 'base64',
    });
  });

  it('lists the configured models', async () => {
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(['gpt-test', 'embed-test', 'local']);
  });

  it('serves the local mock provider without any upstream', async () => {
    const answer = await client.chat.completions.create({ model: 'local', messages });
    expect(answer.choices[0]?.message.content).toContain('Say hello to the gateway');
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it('answers a wrong key with 401 in OpenAI’s error shape', async () => {
    const wrong = new OpenAI({ apiKey: 'sk-wrong', baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
    const error = await wrong.chat.completions
      .create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
    expect(setup.upstream.requests).toHaveLength(0);
  });

  it('answers an unknown model with 404 naming it', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as Error).message).toContain('no-such-model');
  });

  it('passes upstream failures on with their status and class, never a bare 500', async () => {
    setup.upstream.script({ status: 429, headers: { 'retry-after': '7' }, times: 1 });
    const limited = await client.chat.completions
      .create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.RateLimitError>).headers?.get('retry-after')).toBe('7');

    setup.upstream.script({ status: 400, errorBody: contextError, times: 1 });
    const tooLong = await client.chat.completions
      .create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    expect(tooLong).toBeInstanceOf(OpenAI.BadRequestError);
    expect((tooLong as InstanceType<typeof OpenAI.BadRequestError>).code).toBe('context_length_exceeded');
  });

  it('never shows the upstream key, even when the upstream echoes it', async () => {
    setup.upstream.script({
      status: 401,
      errorBody: {
        error: {
          message: `Incorrect API key provided: ${upstreamKey}`,
          type: 'invalid_request_error',
          code: 'invalid_api_key',
          param: null,
        },
      },
      times: 1,
    });
    const error = await client.chat.completions
      .create({ model: 'gpt-test', messages })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(JSON.stringify((error as InstanceType<typeof OpenAI.APIError>).error)).not.toContain(upstreamKey);
    expect((error as Error).message).not.toContain(upstreamKey.slice(3));
    expect(setup.logs.join('\n')).not.toContain(upstreamKey.slice(3));
  });
});

const contextError = {
  error: {
    message:
      "This model's maximum context length is 128000 tokens. However, your messages resulted in 130000 tokens.",
    type: 'invalid_request_error',
    param: 'messages',
    code: 'context_length_exceeded',
  },
};
