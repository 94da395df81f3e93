import type { PassthroughResponse, Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiKey } from './__fixtures__/provider-harness.js';
import { createOpenAICompatible } from './openai-compatible-provider.js';
import { createOpenAI, openAISupportsPassthrough, servesLegacyCompletions } from './openai-provider.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey] });
  provider = createOpenAI({ apiKey, baseURL: `${mock.url}/v1`, env: {} });
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

async function text(passed: PassthroughResponse): Promise<string> {
  let out = '';
  for await (const chunk of passed.body) out += Buffer.from(chunk).toString('utf8');
  return out;
}

const call = { model: 'gpt-4o' };

describe('OpenAI pass-through', () => {
  it('declares the Responses API for every model and legacy completions for completion models', () => {
    expect(provider.passthrough?.apis).toEqual(['openai-responses', 'openai-completions']);
    expect(openAISupportsPassthrough('openai-responses', call)).toBe(true);
    expect(openAISupportsPassthrough('openai-completions', call)).toBe(false);
    expect(openAISupportsPassthrough('openai-completions', { model: 'gpt-3.5-turbo-instruct' })).toBe(true);
    expect(servesLegacyCompletions('davinci-002')).toBe(true);
    expect(servesLegacyCompletions('ft:babbage-002:acme::abc123')).toBe(true);
    expect(servesLegacyCompletions('ft:gpt-4o-mini-2024-07-18:acme::abc')).toBe(false);
  });

  it('posts a response creation to {base}/responses, the body as given, read for id and usage', async () => {
    const body = { model: 'gpt-4o', input: 'Hi there', metadata: { a: 'b' } };
    const passed = await provider.passthrough!.call('openai-responses', { body, stream: false }, call);
    const answer = JSON.parse(await text(passed));
    const sent = mock.requests[0]!;
    expect(sent).toMatchObject({ method: 'POST', path: '/v1/responses', body });
    expect(sent.headers).toMatchObject({ authorization: `Bearer ${apiKey}`, accept: 'application/json' });
    expect(passed.contentType).toBe('application/json');
    expect(passed.reading).toEqual({ id: answer.id, usage: expect.objectContaining({ total_tokens: 7 }) });
  });

  it('streams a creation with accept: text/event-stream and reads usage from response.completed', async () => {
    const passed = await provider.passthrough!.call(
      'openai-responses',
      { body: { model: 'gpt-4o', input: 'Hi there', stream: true }, stream: true },
      call,
    );
    const events = await text(passed);
    expect(events.startsWith('event: response.created\n')).toBe(true);
    expect(mock.requests[0]?.headers.accept).toBe('text/event-stream');
    expect(passed.reading?.usage?.total_tokens).toBe(7);
  });

  it('gets, lists and deletes a stored response without a body, the query forwarded', async () => {
    const created = JSON.parse(
      await text(
        await provider.passthrough!.call(
          'openai-responses',
          { body: { model: 'gpt-4o', input: 'x' }, stream: false },
          call,
        ),
      ),
    );
    const path = `/${created.id}`;
    await text(
      await provider.passthrough!.call(
        'openai-responses',
        { method: 'GET', path, stream: false, query: { 'include[]': ['a', 'b'] } },
        call,
      ),
    );
    const list = await provider.passthrough!.call(
      'openai-responses',
      { method: 'GET', path: `${path}/input_items`, stream: false, query: { limit: '1' } },
      call,
    );
    expect(JSON.parse(await text(list)).data).toHaveLength(1);
    expect(list.reading).toBeUndefined();
    await text(
      await provider.passthrough!.call('openai-responses', { method: 'DELETE', path, stream: false }, call),
    );
    const [, get, items, remove] = mock.requests;
    expect(get).toMatchObject({ method: 'GET', path: `/v1/responses${path}`, rawBody: '' });
    expect(get?.headers['content-type']).toBeUndefined();
    expect(items?.query).toEqual({ limit: '1' });
    expect(remove).toMatchObject({ method: 'DELETE', path: `/v1/responses${path}` });
  });

  it('turns an upstream 404 on a stored response into the core 404', async () => {
    const error = await provider
      .passthrough!.call('openai-responses', { method: 'GET', path: '/resp_missing', stream: false }, call)
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 404, message: expect.stringContaining("'resp_missing'") });
  });

  it('posts legacy completions to {base}/completions, asking a stream for usage and keeping it from the client', async () => {
    const body = { model: 'gpt-3.5-turbo-instruct', prompt: 'Hello there', stream: true };
    const passed = await provider.passthrough!.call(
      'openai-completions',
      { body, stream: true },
      { model: 'gpt-3.5-turbo-instruct' },
    );
    const stream = await text(passed);
    expect(mock.requests[0]).toMatchObject({
      path: '/v1/completions',
      body: { ...body, stream_options: { include_usage: true } },
    });
    expect(stream).not.toContain('"usage":{');
    expect(stream.trimEnd().endsWith('data: [DONE]')).toBe(true);
    expect(passed.reading?.usage).toEqual({ prompt_tokens: 2, completion_tokens: 5, total_tokens: 7 });
  });

  it('refuses an API it was not given', async () => {
    const plain = createOpenAICompatible({
      id: 'plain',
      baseURL: `${mock.url}/v1`,
      apiKey,
      passthroughApis: ['openai-completions'],
    });
    await expect(
      plain.passthrough!.call('openai-responses', { body: {}, stream: false }, call),
    ).rejects.toMatchObject({ status: 400, code: 'unsupported_operation' });
    expect(createOpenAICompatible({ id: 'none', baseURL: mock.url }).passthrough).toBeUndefined();
    expect(mock.requests).toHaveLength(0);
  });
});
