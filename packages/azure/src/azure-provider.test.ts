import type { ChatRequest, Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import {
  apiKey,
  azureAt,
  bodyOf,
  call,
  collect,
  deployment,
  hello,
  otherKey,
  streamHello,
  textOf,
  weatherTool,
} from './__fixtures__/provider-harness.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  provider = azureAt(mock.url);
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

const lastBody = () => bodyOf(mock.requests.at(-1));

describe('the upstream request', () => {
  it('posts OpenAI’s body to the deployment URL with api-version and the api-key header', async () => {
    const request = {
      model: 'alias',
      ...loadJsonFixture<Pick<ChatRequest, 'messages'>>('chat-completion.request.json'),
    };

    await provider.chat(request, call);

    const sent = mock.requests[0];
    expect(sent).toMatchObject({
      method: 'POST',
      path: `/openai/deployments/${deployment}/chat/completions`,
      query: { 'api-version': '2024-10-21' },
    });
    expect(sent?.headers).toMatchObject({
      'api-key': apiKey,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(sent?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(sent?.query)).not.toContain(apiKey);
    expect(lastBody()).toEqual({ model: deployment, messages: request.messages });
  });

  it('uses the configured api version, extra headers, and the v1 surface for api_version v1 / preview', async () => {
    const tagged = azureAt(mock.url, { headers: { 'x-ms-useragent': 'switchyard-test' } });

    await tagged.chat(hello, { ...call, apiVersion: '2025-04-01-preview' });
    await tagged.chat(hello, { ...call, apiVersion: 'v1' });
    await tagged.chat(hello, { ...call, apiVersion: 'preview' });

    const [dated, v1, preview] = mock.requests;
    expect(dated?.query).toEqual({ 'api-version': '2025-04-01-preview' });
    expect(dated?.headers['x-ms-useragent']).toBe('switchyard-test');
    expect(v1).toMatchObject({ path: '/openai/v1/chat/completions', query: {} });
    expect(preview).toMatchObject({
      path: '/openai/v1/chat/completions',
      query: { 'api-version': 'preview' },
    });
    expect(bodyOf(v1).model).toBe(deployment);
    await tagged.close?.();
  });

  it('reads endpoint, key and version from the environment at call time', async () => {
    const env: Record<string, string | undefined> = {};
    const fromEnv = azureAt('', { baseURL: undefined, apiKey: undefined, env });
    env.AZURE_OPENAI_ENDPOINT = `${mock.url}/`;
    env.AZURE_OPENAI_API_KEY = apiKey;
    env.OPENAI_API_VERSION = '2024-06-01';

    await fromEnv.chat(hello, call);

    expect(mock.requests[0]).toMatchObject({
      path: `/openai/deployments/${deployment}/chat/completions`,
      query: { 'api-version': '2024-06-01' },
      headers: { 'api-key': apiKey },
    });
    await fromEnv.close?.();
  });

  it('sends an Entra ID token as a bearer token instead of the key', async () => {
    const response = await azureAt(mock.url, { apiKey: undefined }).chat(hello, {
      ...call,
      params: { azure_ad_token: otherKey },
    });

    expect(response.choices[0]?.message.content).toBe('Mock reply to: Hello!');
    expect(mock.requests[0]?.headers.authorization).toBe(`Bearer ${otherKey}`);
    expect(mock.requests[0]?.headers['api-key']).toBeUndefined();
  });

  it('asks a token provider for the bearer token on each call', async () => {
    let calls = 0;
    const withProvider = azureAt(mock.url, {
      apiKey: undefined,
      azureADTokenProvider: async () => {
        calls += 1;
        return otherKey;
      },
    });

    await withProvider.chat(hello, call);
    await withProvider.chat(hello, call);

    expect(calls).toBe(2);
    expect(mock.requests.map((request) => request.headers.authorization)).toEqual([
      `Bearer ${otherKey}`,
      `Bearer ${otherKey}`,
    ]);
  });
});

describe('chat', () => {
  it('returns the answer with usage and Azure’s filter results passed through', async () => {
    const response = await provider.chat(hello, call);

    expect(response).toMatchObject({
      object: 'chat.completion',
      model: deployment,
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Mock reply to: Hello!' }, finish_reason: 'stop' },
      ],
    });
    expect(response.usage).toMatchObject({ prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 });
    expect(response).toHaveProperty('prompt_filter_results');
    expect(response.choices[0]).toHaveProperty('content_filter_results');
  });

  it('passes finish_reason content_filter through', async () => {
    mock.script({ respond: { finishReason: 'content_filter', content: '' } });

    const response = await provider.chat(hello, call);
    const streamed = await collect(await provider.stream(streamHello, call));

    expect(response.choices[0]?.finish_reason).toBe('content_filter');
    expect(
      streamed.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean),
    ).toEqual(['content_filter']);
  });

  it('keeps cached and reasoning tokens inside prompt and completion tokens', async () => {
    mock.script({
      respond: {
        usage: { prompt_tokens: 200, completion_tokens: 50, cached_tokens: 128, reasoning_tokens: 30 },
      },
    });

    const response = await provider.chat(
      { ...hello, reasoning_effort: 'low', max_completion_tokens: 500 },
      call,
    );

    expect(response.usage).toMatchObject({
      prompt_tokens: 200,
      completion_tokens: 50,
      total_tokens: 250,
      prompt_tokens_details: { cached_tokens: 128 },
      completion_tokens_details: { reasoning_tokens: 30 },
    });
    expect(lastBody()).toMatchObject({ reasoning_effort: 'low', max_completion_tokens: 500 });
  });

  it('forwards sampling, stop, seed and json_schema structured output as OpenAI’s fields', async () => {
    mock.script({ respond: { content: '{"city":"Paris"}' } });
    const responseFormat: ChatRequest['response_format'] = {
      type: 'json_schema',
      json_schema: {
        name: 'city',
        strict: true,
        schema: { type: 'object', properties: { city: { type: 'string' } } },
      },
    };

    const response = await provider.chat(
      {
        ...hello,
        temperature: 0.2,
        top_p: 0.9,
        max_tokens: 64,
        stop: ['END'],
        seed: 7,
        response_format: responseFormat,
      },
      call,
    );

    expect(JSON.parse(response.choices[0]?.message.content ?? '')).toEqual({ city: 'Paris' });
    expect(lastBody()).toMatchObject({
      temperature: 0.2,
      top_p: 0.9,
      max_tokens: 64,
      stop: ['END'],
      seed: 7,
      response_format: responseFormat,
    });
  });

  it('sends images as data URLs and http URLs unchanged', async () => {
    const dataUrl =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    const content = [
      { type: 'text' as const, text: 'Compare these' },
      { type: 'image_url' as const, image_url: { url: dataUrl } },
      {
        type: 'image_url' as const,
        image_url: { url: 'https://example.com/cat.jpg', detail: 'low' as const },
      },
    ];

    await provider.chat({ model: 'alias', messages: [{ role: 'user', content }] }, call);

    expect(lastBody().messages).toEqual([{ role: 'user', content }]);
  });
});

describe('tools', () => {
  it('returns tool calls and sends the tool result back with its id', async () => {
    const toolCalls = [{ name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' }];
    mock.script({ respond: { toolCalls }, times: 1 });
    const request: ChatRequest = { ...hello, tools: [weatherTool], tool_choice: 'auto' };

    const first = await provider.chat(request, call);
    const toolCall = first.choices[0]?.message.tool_calls?.[0];
    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(toolCall).toMatchObject({ type: 'function', function: toolCalls[0] });
    expect(toolCall?.id).toMatch(/^call_/);

    const followUp: ChatRequest = {
      ...request,
      messages: [
        ...request.messages,
        { role: 'assistant', content: null, tool_calls: [toolCall!] },
        { role: 'tool', tool_call_id: toolCall!.id, content: '{"temperature":22}' },
      ],
    };
    const second = await provider.chat(followUp, call);

    expect(second.choices[0]?.finish_reason).toBe('stop');
    expect(lastBody()).toMatchObject({
      tools: [weatherTool],
      tool_choice: 'auto',
      messages: [
        { role: 'user' },
        { role: 'assistant', tool_calls: [{ id: toolCall!.id }] },
        { role: 'tool', tool_call_id: toolCall!.id, content: '{"temperature":22}' },
      ],
    });
  });

  it('returns parallel tool calls, plain and streamed with their indexes', async () => {
    const toolCalls = [
      { name: 'get_current_weather', arguments: '{"location":"Paris"}' },
      { name: 'get_current_weather', arguments: '{"location":"Tokyo"}' },
    ];
    mock.script({ respond: { toolCalls }, times: 2 });
    const request: ChatRequest = { ...hello, tools: [weatherTool], parallel_tool_calls: true };

    const plain = await provider.chat(request, call);
    const chunks = await collect(await provider.stream(request, call));

    expect(plain.choices[0]?.message.tool_calls?.map((toolCall) => toolCall.function.arguments)).toEqual(
      toolCalls.map((toolCall) => toolCall.arguments),
    );
    expect(lastBody().parallel_tool_calls).toBe(true);
    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    const headers = deltas.filter((delta) => delta.id);
    expect(
      headers.map((delta) => [delta.index, delta.type, delta.function?.name, delta.function?.arguments]),
    ).toEqual([
      [0, 'function', 'get_current_weather', ''],
      [1, 'function', 'get_current_weather', ''],
    ]);
    for (const [index, toolCall] of toolCalls.entries()) {
      const joined = deltas
        .filter((delta) => delta.index === index)
        .map((delta) => delta.function?.arguments ?? '')
        .join('');
      expect(joined).toBe(toolCall.arguments);
    }
  });
});

describe('stream', () => {
  it('streams OpenAI chunks: role first, one id, content, finish, then one usage chunk without choices', async () => {
    const chunks = await collect(await provider.stream(streamHello, call));

    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, total_tokens: 5 } });
    expect(chunks.filter((chunk) => chunk.choices.length === 0)).toHaveLength(1);
    expect(lastBody()).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(mock.requests[0]?.headers.accept).toBe('text/event-stream');
  });

  it('streams even when the request does not say so, and has no usage chunk unless asked', async () => {
    const chunks = await collect(await provider.stream(hello, call));

    expect(lastBody().stream).toBe(true);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.every((chunk) => chunk.choices.length > 0)).toBe(true);
  });
});

describe('embeddings', () => {
  it('posts to the deployment’s embeddings URL and returns OpenAI’s list', async () => {
    const response = await provider.embed!(
      { model: 'alias', input: ['one', 'two'], encoding_format: 'float' },
      { model: 'embed-small' },
    );

    expect(mock.requests[0]).toMatchObject({
      path: '/openai/deployments/embed-small/embeddings',
      query: { 'api-version': '2024-10-21' },
      headers: { 'api-key': apiKey },
    });
    expect(lastBody()).toEqual({ model: 'embed-small', input: ['one', 'two'], encoding_format: 'float' });
    expect(response.data.map((item) => item.index)).toEqual([0, 1]);
    expect(response.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
  });

  it('passes base64 encoding through', async () => {
    const response = await provider.embed!(
      { model: 'alias', input: 'x', encoding_format: 'base64' },
      { model: 'e' },
    );

    expect(typeof response.data[0]?.embedding).toBe('string');
  });
});
