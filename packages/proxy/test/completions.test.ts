import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { masterKey, startTestProxy, type TestProxy } from './start-test-proxy.js';

let setup: TestProxy;
let client: OpenAI;

beforeAll(async () => {
  setup = await startTestProxy();
  client = new OpenAI({ apiKey: masterKey, baseURL: `${setup.proxy.url}/v1`, maxRetries: 0 });
});
afterAll(() => setup.close());
beforeEach(() => setup.upstream.reset());

describe('legacy completions with the official openai client', () => {
  it('answers a prompt through the provider’s chat API', async () => {
    const result = await client.completions.create({
      model: 'gpt-test',
      prompt: 'Complete this sentence',
      max_tokens: 20,
    });
    expect(result.object).toBe('text_completion');
    expect(result.choices[0]?.text).toContain('Complete this sentence');
    expect(result.usage?.total_tokens).toBeGreaterThan(0);
    const upstream = setup.upstream.requests[0];
    expect(upstream?.path).toBe('/v1/chat/completions');
    expect(upstream?.body).toMatchObject({
      model: 'gpt-4o-mini-2024-07-18',
      max_tokens: 20,
      messages: [{ role: 'user', content: 'Complete this sentence' }],
    });
    expect(upstream?.body).not.toHaveProperty('prompt');
  });

  it('answers several prompts, one choice each, in order', async () => {
    const result = await client.completions.create({
      model: 'local',
      prompt: ['first prompt', 'second prompt'],
    });
    expect(result.choices.map((choice) => choice.index)).toEqual([0, 1]);
    expect(result.choices[0]?.text).toContain('first prompt');
    expect(result.choices[1]?.text).toContain('second prompt');
  });

  it('streams text chunks with usage at the end when asked', async () => {
    const stream = await client.completions.create({
      model: 'gpt-test',
      prompt: 'Stream this',
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of stream) {
      expect(chunk.object).toBe('text_completion');
      text += chunk.choices[0]?.text ?? '';
      if (chunk.usage) usage = chunk.usage;
    }
    expect(text).toContain('Stream this');
    expect(usage?.total_tokens).toBeGreaterThan(0);
  });

  it('refuses what chat cannot honour with a 400 naming it', async () => {
    const error = await client.completions
      .create({ model: 'gpt-test', prompt: 'x', echo: true })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as InstanceType<typeof OpenAI.BadRequestError>).param).toBe('echo');
    expect(setup.upstream.requests).toHaveLength(0);
  });
});
