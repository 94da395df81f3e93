import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  AuthenticationError,
  type ChatRequest,
  decodeFloat32Base64,
  isProvider,
  type Provider,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKey,
  bodyOf,
  call,
  collect,
  embed,
  failure,
  hello,
  otherKey,
  streamHello,
  textOf,
  toolCall,
  weatherTool,
} from './__fixtures__/provider-harness.js';
import { createGemini } from './gemini-provider.js';

let mock: MockUpstream;
let elsewhere: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  elsewhere = await startMockUpstream({ apiKeys: [apiKey] });
  provider = createGemini({ apiKey, baseURL: mock.url, env: {} });
});
beforeEach(() => {
  mock.reset();
  elsewhere.reset();
});
afterAll(async () => {
  await provider.close?.();
  await mock.close();
  await elsewhere.close();
});

describe('createGemini over real HTTP', () => {
  it('is a provider with Gemini’s id and capabilities', () => {
    expect(isProvider(provider)).toBe(true);
    expect(provider.id).toBe('gemini');
    expect(provider.capabilities).toMatchObject({
      chat: true,
      stream: true,
      embeddings: true,
      tools: true,
      vision: true,
    });
  });

  it('posts generateContent with the key in x-goog-api-key, never in the URL', async () => {
    await provider.chat(
      {
        ...hello,
        messages: [{ role: 'system', content: 'Be brief.' }, ...hello.messages],
        temperature: 0.3,
        max_tokens: 50,
        user: 'u-1',
      },
      call,
    );

    const [recorded] = mock.requests;
    expect(recorded).toMatchObject({
      method: 'POST',
      path: '/v1beta/models/gemini-2.0-flash:generateContent',
      query: {},
    });
    expect(recorded?.headers).toMatchObject({ 'x-goog-api-key': apiKey, 'content-type': 'application/json' });
    expect(recorded?.headers).not.toHaveProperty('authorization');
    expect(recorded?.body).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello!' }] }],
      generationConfig: { temperature: 0.3, maxOutputTokens: 50 },
    });
  });

  it('returns a chat completion with usage', async () => {
    const response = await provider.chat(hello, call);

    expect(response).toMatchObject({
      id: expect.stringMatching(/^chatcmpl-/),
      object: 'chat.completion',
      model: 'gemini-2.0-flash',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Mock reply to: Hello!' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
    });
  });

  it('streams with alt=sse: role chunk, content, finish chunk, then one usage chunk', async () => {
    const chunks = await collect(await provider.stream(streamHello, call));

    expect(mock.requests[0]).toMatchObject({
      path: '/v1beta/models/gemini-2.0-flash:streamGenerateContent',
      query: { alt: 'sse' },
      headers: { accept: 'text/event-stream', 'x-goog-api-key': apiKey },
    });
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
    });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
  });

  it('reports stream usage only when include_usage is set', async () => {
    const chunks = await collect(await provider.stream({ ...hello, stream: true }, call));

    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true);
  });

  it('normalises scripted usage exactly: cached within prompt, reasoning within completion', async () => {
    const usage = { prompt_tokens: 1200, completion_tokens: 300, cached_tokens: 1000, reasoning_tokens: 120 };
    mock.script({ respond: { usage } });

    const response = await provider.chat(hello, call);
    const streamed = (await collect(await provider.stream(streamHello, call))).at(-1)?.usage;

    const expected = {
      prompt_tokens: 1200,
      completion_tokens: 300,
      total_tokens: 1500,
      prompt_tokens_details: { cached_tokens: 1000 },
      completion_tokens_details: { reasoning_tokens: 120 },
    };
    expect(response.usage).toEqual(expected);
    expect(streamed).toEqual(expected);
  });
});

describe('tools', () => {
  const toolRequest: ChatRequest = {
    ...hello,
    messages: [{ role: 'user', content: 'What is the weather like in Boston?' }],
    tools: [weatherTool],
    tool_choice: 'auto',
  };

  it('declares tools in Gemini’s schema subset and maps tool_choice', async () => {
    await provider.chat(
      { ...toolRequest, tool_choice: { type: 'function', function: { name: 'get_current_weather' } } },
      call,
    );

    expect(bodyOf(mock.requests[0])).toMatchObject({
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_current_weather',
              description: 'Get the current weather in a given location',
              parameters: {
                type: 'object',
                properties: {
                  location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' },
                  unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
                },
                required: ['location'],
              },
            },
          ],
        },
      ],
      toolConfig: { functionCallingConfig: { mode: 'ANY', allowedFunctionNames: ['get_current_weather'] } },
    });
  });

  it('round-trips a tool call and its result, thought signature included, to a second turn Gemini accepts', async () => {
    mock.script({ respond: { toolCalls: [toolCall] }, times: 1 });
    const thinking: ChatRequest = { ...toolRequest, reasoning_effort: 'low' };
    const thinkingModel = { model: 'gemini-2.5-flash' };

    const first = await provider.chat(thinking, thinkingModel);
    const calls = first.choices[0]?.message.tool_calls ?? [];
    const second = await provider.chat(
      {
        ...thinking,
        messages: [
          ...thinking.messages,
          { role: 'assistant', content: null, tool_calls: calls },
          { role: 'tool', tool_call_id: calls[0]?.id ?? '', content: '{"temperature":22,"unit":"celsius"}' },
        ],
      },
      thinkingModel,
    );

    expect(first.choices[0]?.finish_reason).toBe('tool_calls');
    expect(calls).toEqual([
      { id: expect.stringMatching(/^call_[0-9a-f]{24}__thought__/), type: 'function', function: toolCall },
    ]);
    expect(bodyOf(mock.requests[1]).contents).toEqual([
      { role: 'user', parts: [{ text: 'What is the weather like in Boston?' }] },
      {
        role: 'model',
        parts: [
          {
            functionCall: { name: 'get_current_weather', args: { location: 'Boston, MA', unit: 'celsius' } },
            thoughtSignature: expect.any(String),
          },
        ],
      },
      {
        role: 'user',
        parts: [
          {
            functionResponse: { name: 'get_current_weather', response: { temperature: 22, unit: 'celsius' } },
          },
        ],
      },
    ]);
    expect(second.choices[0]?.finish_reason).toBe('stop');
  });

  it('returns parallel tool calls with distinct ids, streamed as indexed deltas', async () => {
    const calls = [toolCall, { name: 'get_current_time', arguments: '{"timezone":"America/New_York"}' }];
    mock.script({ respond: { toolCalls: calls } });

    const response = await provider.chat(toolRequest, call);
    const chunks = await collect(await provider.stream({ ...toolRequest, stream: true }, call));

    const ids = response.choices[0]?.message.tool_calls?.map((entry) => entry.id);
    expect(response.choices[0]?.message.tool_calls?.map((entry) => entry.function)).toEqual(calls);
    expect(new Set(ids).size).toBe(2);
    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    expect(deltas.map((delta) => [delta.index, delta.function?.name ?? null])).toEqual([
      [0, 'get_current_weather'],
      [0, null],
      [1, 'get_current_time'],
      [1, null],
    ]);
    expect(
      deltas
        .filter((delta) => delta.index === 1)
        .map((delta) => delta.function?.arguments)
        .join(''),
    ).toBe(calls[1]?.arguments);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});

describe('request translation on the wire', () => {
  it('sends data-URL images inline and http images as file references', async () => {
    await provider.chat(
      {
        ...hello,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'What is in these images?' },
              { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUg==' } },
              {
                type: 'image_url',
                image_url: {
                  url: 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg',
                },
              },
            ],
          },
        ],
      },
      call,
    );

    expect(bodyOf(mock.requests[0]).contents).toEqual([
      {
        role: 'user',
        parts: [
          { text: 'What is in these images?' },
          { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgoAAAANSUhEUg==' } },
          {
            fileData: {
              fileUri:
                'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg',
              mimeType: 'image/jpeg',
            },
          },
        ],
      },
    ]);
  });

  it('asks for JSON output with the rewritten schema for json_schema, and passes stop sequences', async () => {
    await provider.chat(
      {
        ...hello,
        stop: ['\n\n', 'END'],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'city',
            strict: true,
            schema: {
              type: 'object',
              properties: {
                name: { type: 'string' },
                population: { anyOf: [{ type: 'integer' }, { type: 'null' }] },
              },
              required: ['name', 'population'],
              additionalProperties: false,
            },
          },
        },
      },
      call,
    );

    expect(bodyOf(mock.requests[0]).generationConfig).toEqual({
      stopSequences: ['\n\n', 'END'],
      responseMimeType: 'application/json',
      responseSchema: {
        type: 'object',
        properties: { name: { type: 'string' }, population: { type: 'integer', nullable: true } },
        required: ['name', 'population'],
      },
    });
  });

  it('turns reasoning_effort into a thinking budget and returns the thoughts as reasoning_content', async () => {
    const request: ChatRequest = { ...hello, reasoning_effort: 'high' };
    const thinkingModel = { model: 'gemini-2.5-flash' };

    const response = await provider.chat(request, thinkingModel);
    const chunks = await collect(await provider.stream({ ...streamHello, ...request }, thinkingModel));

    expect(bodyOf(mock.requests[0]).generationConfig).toEqual({
      thinkingConfig: { thinkingBudget: 4096, includeThoughts: true },
    });
    expect(response.choices[0]?.message).toMatchObject({
      content: 'Mock reply to: Hello!',
      reasoning_content: 'Thinking about: Hello!',
    });
    expect(response.usage?.completion_tokens_details?.reasoning_tokens).toBe(3);
    expect(chunks[1]?.choices[0]?.delta).toEqual({ reasoning_content: 'Thinking about: Hello!' });
  });
});

describe('embeddings', () => {
  it('posts batchEmbedContents and returns one vector per input, base64 when asked', async () => {
    const request = { model: 'gemini-embedding-001', input: ['first text', 'second text'], dimensions: 8 };
    const embeddingCall = { model: 'gemini-embedding-001' };

    const floats = await embed(provider, request, embeddingCall);
    const base64 = await embed(provider, { ...request, encoding_format: 'base64' }, embeddingCall);

    expect(mock.requests[0]).toMatchObject({
      path: '/v1beta/models/gemini-embedding-001:batchEmbedContents',
      headers: { 'x-goog-api-key': apiKey },
      body: {
        requests: ['first text', 'second text'].map((text) => ({
          model: 'models/gemini-embedding-001',
          content: { parts: [{ text }] },
          outputDimensionality: 8,
        })),
      },
    });
    expect(floats.data.map((entry) => (entry.embedding as number[]).length)).toEqual([8, 8]);
    expect(decodeFloat32Base64(base64.data[1]?.embedding as string)).toEqual(floats.data[1]?.embedding);
  });
});

describe('routing and credentials', () => {
  it('sends a call to its own apiBase and apiVersion, with its own key and headers', async () => {
    await provider.chat(hello, {
      ...call,
      apiBase: `${elsewhere.url}/`,
      apiVersion: 'v1',
      headers: { 'x-trace-id': 't-1' },
    });
    await provider.chat(hello, { ...call, apiKey: otherKey });

    expect(elsewhere.requests[0]).toMatchObject({
      path: '/v1/models/gemini-2.0-flash:generateContent',
      headers: { 'x-trace-id': 't-1', 'x-goog-api-key': apiKey },
    });
    expect(mock.requests[0]?.headers['x-goog-api-key']).toBe(otherKey);
  });

  it('accepts models named with the models/ prefix', async () => {
    await provider.chat(hello, { model: 'models/gemini-2.5-flash' });

    expect(mock.requests[0]?.path).toBe('/v1beta/models/gemini-2.5-flash:generateContent');
    expect(mock.requestCount('gemini-2.5-flash')).toBe(1);
  });

  it('reads GEMINI_API_KEY, then GOOGLE_API_KEY, at call time', async () => {
    const env: Record<string, string | undefined> = { GOOGLE_API_KEY: otherKey };
    const fromEnv = createGemini({ baseURL: mock.url, env });

    await fromEnv.chat(hello, call);
    env.GEMINI_API_KEY = apiKey;
    await fromEnv.chat(hello, call);
    await fromEnv.close?.();

    expect(mock.requests.map((request) => request.headers['x-goog-api-key'])).toEqual([otherKey, apiKey]);
  });

  it('refuses to call Google without a key, before any request', async () => {
    const keyless = createGemini({ env: {} });
    const created: string[] = [];
    const onCreate = (message: unknown) =>
      created.push(String((message as { request: { origin: unknown } }).request.origin));
    subscribe('undici:request:create', onCreate);

    const error = await failure(keyless.chat(hello, call)).finally(() =>
      unsubscribe('undici:request:create', onCreate),
    );

    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('GEMINI_API_KEY');
    expect(created).toEqual([]);
  });
});
