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
  baseOf,
  call,
  collect,
  failure,
  hello,
  otherKey,
  textOf,
  weatherTool,
} from './__fixtures__/provider-harness.js';
import type { MistralChatBody } from './mistral-api-types.js';
import { createMistral } from './mistral-provider.js';
import { toMistralToolCallId } from './mistral-tool-call-id.js';

let mock: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  provider = createMistral({ apiKey, baseURL: baseOf(mock.url), env: {} });
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

/** The body of the last request the mock received, as the provider meant to send it. */
const lastBody = (): MistralChatBody => mock.requests.at(-1)?.body as MistralChatBody;

describe('createMistral over real HTTP', () => {
  it('is a provider with Mistral’s id and capabilities', () => {
    expect(isProvider(provider)).toBe(true);
    expect(provider.id).toBe('mistral');
    expect(provider.capabilities).toMatchObject({
      embeddings: true,
      tools: true,
      vision: true,
      jsonSchema: true,
      streamUsage: true,
    });
  });

  it('posts Mistral’s request to /v1/chat/completions with the bearer key', async () => {
    const request: ChatRequest = {
      ...hello,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello!' },
      ],
      seed: 7,
      max_completion_tokens: 64,
      temperature: 0.2,
      safe_prompt: true,
    };

    const response = await provider.chat(request, call);

    const recorded = mock.requests.at(-1);
    expect(recorded).toMatchObject({ method: 'POST', path: '/mistral/v1/chat/completions' });
    expect(recorded?.headers).toMatchObject({
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(recorded?.body).toEqual({
      model: 'mistral-small-latest',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Hello!' },
      ],
      random_seed: 7,
      max_tokens: 64,
      temperature: 0.2,
      safe_prompt: true,
    });
    expect(response).toMatchObject({
      object: 'chat.completion',
      model: 'mistral-small-latest',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Mock reply to: Hello!' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
    expect(response.choices[0]?.message).not.toHaveProperty('prefix');
  });

  it('reads MISTRAL_API_KEY at call time, lets a deployment key win, and adds /v1 to an api_base without it', async () => {
    const env: Record<string, string | undefined> = {};
    const fromEnv = createMistral({ env });
    env.MISTRAL_API_KEY = otherKey;

    await fromEnv.chat(hello, { ...call, apiBase: `${mock.url}/mistral` });
    await fromEnv.chat(hello, { ...call, apiBase: baseOf(mock.url), apiKey });

    expect(mock.requests.map((request) => [request.path, request.headers.authorization])).toEqual([
      ['/mistral/v1/chat/completions', `Bearer ${otherKey}`],
      ['/mistral/v1/chat/completions', `Bearer ${apiKey}`],
    ]);
    await fromEnv.close?.();
  });

  it('refuses to call Mistral’s API without a key, before any request', async () => {
    const keyless = createMistral({ env: {} });

    expect(await failure(keyless.chat(hello, call))).toBeInstanceOf(AuthenticationError);
  });

  it('streams one id, a role chunk, content, the finish reason, then one usage chunk', async () => {
    const plain = await provider.chat(hello, call);
    const chunks = await collect(
      await provider.stream({ ...hello, stream: true, stream_options: { include_usage: true } }, call),
    );

    expect(lastBody()).toMatchObject({ stream: true });
    expect(lastBody()).not.toHaveProperty('stream_options');
    expect(mock.requests.at(-1)?.headers.accept).toBe('text/event-stream');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(textOf(chunks)).toBe(plain.choices[0]?.message.content);
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true);
    expect(
      chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean),
    ).toEqual(['stop']);
    expect(chunks.filter((chunk) => chunk.usage)).toHaveLength(1);
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: plain.usage });
  });

  it('hides usage from a stream that did not ask for it', async () => {
    const chunks = await collect(await provider.stream({ ...hello, stream: true }, call));

    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('forces a tool call with tool_choice required (sent as "any") and returns it plain and streamed', async () => {
    const request: ChatRequest = { ...hello, tools: [weatherTool], tool_choice: 'required' };
    mock.script({
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      times: 2,
    });

    const response = await provider.chat(request, call);
    const chunks = await collect(await provider.stream({ ...request, stream: true }, call));

    expect(mock.requests[0]?.body).toMatchObject({ tool_choice: 'any', tools: [weatherTool] });
    expect(response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          {
            id: expect.stringMatching(/^[A-Za-z0-9]{9}$/),
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    });
    const calls = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    expect(calls[0]).toMatchObject({
      index: 0,
      id: expect.any(String),
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    expect(calls.map((entry) => entry.function?.arguments).join('')).toBe('{"city":"Paris"}');
    expect(
      chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean),
    ).toEqual(['tool_calls']);
  });

  it('returns parallel tool calls with their own indices', async () => {
    const toolCalls = [
      { name: 'get_weather', arguments: '{"city":"Paris"}' },
      { name: 'get_weather', arguments: '{"city":"Rome"}' },
    ];
    mock.script({ respond: { toolCalls }, times: 2 });
    const request: ChatRequest = { ...hello, tools: [weatherTool], parallel_tool_calls: true };

    const response = await provider.chat(request, call);
    const chunks = await collect(await provider.stream({ ...request, stream: true }, call));

    expect(response.choices[0]?.message.tool_calls?.map((entry) => entry.function.arguments)).toEqual([
      '{"city":"Paris"}',
      '{"city":"Rome"}',
    ]);
    const headers = chunks
      .flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []))
      .filter((entry) => entry.id);
    expect(headers.map((entry) => entry.index)).toEqual([0, 1]);
    expect(lastBody().parallel_tool_calls).toBe(true);
  });

  it('sends tool results back with ids Mistral accepts, whoever made them, and a user turn after them', async () => {
    const first = await (async () => {
      mock.script({
        respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
        times: 1,
      });
      return provider.chat({ ...hello, tools: [weatherTool] }, call);
    })();
    const mistralCall = first.choices[0]?.message.tool_calls?.[0];
    if (!mistralCall) throw new Error('expected a tool call');
    const request: ChatRequest = {
      ...hello,
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Paris and Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            mistralCall,
            {
              id: 'call_abc123',
              type: 'function',
              function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: mistralCall.id, content: '{"temperature":21}' },
        { role: 'tool', tool_call_id: 'call_abc123', content: '{"temperature":25}' },
        { role: 'user', content: 'Which is warmer?' },
      ],
    };

    const response = await provider.chat(request, call);

    expect(response.choices[0]?.finish_reason).toBe('stop');
    const sent = lastBody().messages;
    expect(sent[1]).toMatchObject({
      tool_calls: [{ id: mistralCall.id }, { id: toMistralToolCallId('call_abc123') }],
    });
    expect(sent.slice(2).map((message) => message.role)).toEqual(['tool', 'tool', 'assistant', 'user']);
    expect(sent[3]).toMatchObject({ tool_call_id: toMistralToolCallId('call_abc123') });
  });

  it('sends images given as data URLs and http URLs', async () => {
    const dataUrl =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    await provider.chat(
      {
        ...hello,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Same picture?' },
              { type: 'image_url', image_url: { url: dataUrl } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
            ],
          },
        ],
      },
      call,
    );

    expect(lastBody().messages[0]?.content).toEqual([
      { type: 'text', text: 'Same picture?' },
      { type: 'image_url', image_url: dataUrl },
      { type: 'image_url', image_url: 'https://example.com/cat.png' },
    ]);
  });

  it('asks for structured output with json_schema and passes stop sequences', async () => {
    mock.script({ respond: { content: '{"greeting":"hello"}' }, times: 1 });
    const response = await provider.chat(
      {
        ...hello,
        stop: ['STOP-HERE'],
        response_format: {
          type: 'json_schema',
          json_schema: {
            name: 'greeting',
            strict: true,
            schema: { type: 'object', properties: { greeting: { type: 'string' } } },
          },
        },
      },
      call,
    );

    expect(JSON.parse(response.choices[0]?.message.content ?? '')).toEqual({ greeting: 'hello' });
    expect(lastBody()).toMatchObject({
      stop: ['STOP-HERE'],
      response_format: {
        type: 'json_schema',
        json_schema: { name: 'greeting', strict: true, schema: { type: 'object' } },
      },
    });
  });

  it('returns a thinking model’s reasoning as reasoning_content, plain and streamed', async () => {
    const magistral = { ...call, model: 'magistral-medium-latest' };
    const request: ChatRequest = { ...hello, reasoning_effort: 'high' };

    const response = await provider.chat(request, magistral);
    const chunks = await collect(await provider.stream({ ...request, stream: true }, magistral));

    expect(lastBody().reasoning_effort).toBe('high');
    expect(response.choices[0]?.message).toMatchObject({
      content: 'Mock reply to: Hello!',
      reasoning_content: 'Thinking about: Hello!',
    });
    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');
    expect(reasoning).toBe('Thinking about: Hello!');
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
  });

  it('normalises usage: cached tokens inside prompt tokens, reasoning inside completion tokens', async () => {
    mock.script({
      respond: {
        usage: { prompt_tokens: 120, completion_tokens: 40, cached_tokens: 30, reasoning_tokens: 10 },
      },
      times: 2,
    });

    const response = await provider.chat(hello, call);
    const chunks = await collect(
      await provider.stream({ ...hello, stream: true, stream_options: { include_usage: true } }, call),
    );

    const expected = {
      prompt_tokens: 120,
      completion_tokens: 40,
      total_tokens: 160,
      prompt_tokens_details: { cached_tokens: 30 },
      completion_tokens_details: { reasoning_tokens: 10 },
    };
    expect(response.usage).toEqual(expected);
    expect(chunks.at(-1)?.usage).toEqual(expected);
  });

  it('embeds text, with dimensions as output_dimension, floats or base64', async () => {
    const embed = provider.embed?.bind(provider);
    if (!embed) throw new Error('expected embed');
    const floats = await embed(
      { model: 'mistral-embed', input: ['one', 'two'], dimensions: 8 },
      { ...call, model: 'mistral-embed' },
    );
    const encoded = await embed(
      { model: 'mistral-embed', input: 'one', dimensions: 8, encoding_format: 'base64' },
      { ...call, model: 'mistral-embed' },
    );

    expect(mock.requests[0]).toMatchObject({
      path: '/mistral/v1/embeddings',
      body: { model: 'mistral-embed', input: ['one', 'two'], output_dimension: 8 },
    });
    expect(floats).toMatchObject({
      object: 'list',
      model: 'mistral-embed',
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });
    expect(floats.data.map((item) => item.index)).toEqual([0, 1]);
    expect(decodeFloat32Base64(encoded.data[0]?.embedding as string)).toEqual(floats.data[0]?.embedding);
  });
});
