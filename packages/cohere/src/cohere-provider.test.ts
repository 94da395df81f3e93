import { type ChatRequest, isProvider, type Provider } from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKey,
  call,
  collect,
  hello,
  otherKey,
  providerFor,
  reasoningOf,
  textOf,
  weatherTool,
} from './__fixtures__/provider-harness.js';
import { cohere, cohereChat, createCohere } from './cohere-provider.js';
import { cohereVersionRoot } from './post-to-cohere.js';

let mock: MockUpstream;
/** A second upstream, to tell which base URL a call went to. */
let elsewhere: MockUpstream;
let provider: Provider;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  elsewhere = await startMockUpstream();
  provider = providerFor(mock.url);
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

const lastBody = () => mock.requests.at(-1)?.body as Record<string, unknown>;

describe('createCohere', () => {
  it('is a provider under cohere and cohere_chat with chat, stream, tools, vision and embeddings', () => {
    for (const instance of [provider, cohere, cohereChat]) {
      expect(isProvider(instance)).toBe(true);
      expect(instance.capabilities).toMatchObject({
        chat: true,
        stream: true,
        embeddings: true,
        tools: true,
        vision: true,
        jsonSchema: true,
        streamUsage: true,
      });
    }
    expect([cohere.id, cohereChat.id, createCohere({ id: 'cohere_eu' }).id]).toEqual([
      'cohere',
      'cohere_chat',
      'cohere_eu',
    ]);
  });

  it('finds the v2 root however the base URL is written', () => {
    expect(cohereVersionRoot('https://api.cohere.com')).toBe('https://api.cohere.com/v2');
    expect(cohereVersionRoot('https://api.cohere.com/v2/')).toBe('https://api.cohere.com/v2');
    expect(cohereVersionRoot('https://api.cohere.com/v2/chat')).toBe('https://api.cohere.com/v2');
    expect(cohereVersionRoot('http://gateway.local/cohere')).toBe('http://gateway.local/cohere/v2');
  });
});

describe('chat', () => {
  it('posts Cohere’s body to /v2/chat with the bearer key', async () => {
    await provider.chat({ ...hello, temperature: 0.2, max_tokens: 64, user: 'u-1' }, call);

    const [recorded] = mock.requests;
    expect(mock.requests).toHaveLength(1);
    expect(recorded).toMatchObject({ method: 'POST', path: '/v2/chat' });
    expect(recorded?.headers).toMatchObject({
      authorization: `Bearer ${apiKey}`,
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(recorded?.body).toEqual({
      model: 'command-a-03-2025',
      messages: [{ role: 'user', content: 'Hello!' }],
      temperature: 0.2,
      max_tokens: 64,
      stream: false,
    });
  });

  it('returns the answer as a chat.completion with normalised usage', async () => {
    const response = await provider.chat(hello, call);

    expect(response).toEqual({
      id: expect.any(String),
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'command-a-03-2025',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Mock reply to: Hello!' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 1,
        completion_tokens: 4,
        total_tokens: 5,
        prompt_tokens_details: { cached_tokens: 0 },
      },
    });
  });

  it('reports cached tokens inside prompt tokens', async () => {
    mock.script({ respond: { usage: { prompt_tokens: 1200, completion_tokens: 30, cached_tokens: 1024 } } });

    const response = await provider.chat(hello, call);

    expect(response.usage).toEqual({
      prompt_tokens: 1200,
      completion_tokens: 30,
      total_tokens: 1230,
      prompt_tokens_details: { cached_tokens: 1024 },
    });
  });

  it('maps MAX_TOKENS to length and sends stop sequences', async () => {
    mock.script({ respond: { content: 'Truncat', finishReason: 'MAX_TOKENS' } });

    const response = await provider.chat({ ...hello, stop: ['END', 'STOP'] }, call);

    expect(lastBody().stop_sequences).toEqual(['END', 'STOP']);
    expect(response.choices[0]).toMatchObject({ finish_reason: 'length', message: { content: 'Truncat' } });
  });

  it('sends images given as data URLs and http URLs', async () => {
    const png =
      'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
    await provider.chat(
      {
        ...hello,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'Same picture?' },
              { type: 'image_url', image_url: { url: png } },
              { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
            ],
          },
        ],
      },
      call,
    );

    expect(lastBody().messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Same picture?' },
          { type: 'image_url', image_url: { url: png } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.jpg', detail: 'high' } },
        ],
      },
    ]);
  });

  it('asks for JSON with the schema and returns the JSON answer', async () => {
    const schema = { type: 'object', properties: { river: { type: 'string' } }, required: ['river'] };
    mock.script({ respond: { content: '{"river":"Rhône"}' } });

    const response = await provider.chat(
      { ...hello, response_format: { type: 'json_schema', json_schema: { name: 'river', schema } } },
      call,
    );

    expect(lastBody().response_format).toEqual({ type: 'json_object', json_schema: schema });
    expect(JSON.parse(response.choices[0]?.message.content ?? '')).toEqual({ river: 'Rhône' });
  });

  it('turns reasoning_effort into a thinking budget and returns the thinking as reasoning_content', async () => {
    const response = await provider.chat({ ...hello, reasoning_effort: 'low' }, call);

    expect(lastBody().thinking).toEqual({ type: 'enabled', token_budget: 1024 });
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Mock reply to: Hello!',
      reasoning_content: 'Mock reasoning about: Hello!',
    });
  });
});

describe('tools', () => {
  const toolRequest: ChatRequest = { ...hello, tools: [weatherTool] };

  it('returns parallel tool calls with Cohere’s ids, the plan as content', async () => {
    mock.script({
      respond: {
        content: 'I will check both cities.',
        toolCalls: [
          { name: 'get_weather', arguments: '{"city":"Lyon"}' },
          { name: 'get_weather', arguments: '{"city":"Oslo"}' },
        ],
      },
    });

    const response = await provider.chat(toolRequest, call);

    expect(lastBody().tools).toEqual([weatherTool]);
    expect(response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: 'I will check both cities.',
        tool_calls: [
          {
            id: expect.stringMatching(/^get_weather_/),
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Lyon"}' },
          },
          {
            id: expect.stringMatching(/^get_weather_/),
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
    });
  });

  it('forces a call with tool_choice required and sends the results back under the same ids', async () => {
    const first = await provider.chat({ ...toolRequest, tool_choice: 'required' }, call);
    const message = first.choices[0]!.message;
    const toolCall = message.tool_calls![0]!;

    expect(mock.requests[0]?.body).toMatchObject({ tool_choice: 'REQUIRED' });
    expect(message.content).toBeNull();
    const second = await provider.chat(
      {
        ...toolRequest,
        messages: [
          ...hello.messages,
          { role: 'assistant', content: message.content, tool_calls: message.tool_calls! },
          { role: 'tool', tool_call_id: toolCall.id, content: '{"temperature":21}' },
        ],
      },
      call,
    );

    expect(lastBody().messages).toEqual([
      { role: 'user', content: 'Hello!' },
      { role: 'assistant', tool_calls: [toolCall] },
      { role: 'tool', tool_call_id: toolCall.id, content: '{"temperature":21}' },
    ]);
    expect(second.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams parallel tool calls, each with its own index', async () => {
    mock.script({
      respond: {
        toolCalls: [
          { name: 'get_weather', arguments: '{"city":"Lyon"}' },
          { name: 'get_time', arguments: '{"zone":"Europe/Oslo"}' },
        ],
      },
    });

    const chunks = await collect(await provider.stream({ ...toolRequest, stream: true }, call));

    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    expect(deltas.filter((delta) => delta.id).map((delta) => [delta.index, delta.function?.name])).toEqual([
      [0, 'get_weather'],
      [1, 'get_time'],
    ]);
    const argumentsOf = (index: number) =>
      deltas
        .filter((delta) => delta.index === index)
        .map((delta) => delta.function?.arguments ?? '')
        .join('');
    expect(argumentsOf(0)).toBe('{"city":"Lyon"}');
    expect(argumentsOf(1)).toBe('{"zone":"Europe/Oslo"}');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});

describe('stream', () => {
  it('asks for events and streams role, words, finish, then usage when asked', async () => {
    const chunks = await collect(
      await provider.stream({ ...hello, stream: true, stream_options: { include_usage: true } }, call),
    );

    expect(mock.requests[0]?.headers.accept).toBe('text/event-stream');
    expect(lastBody().stream).toBe(true);
    expect(lastBody()).not.toHaveProperty('stream_options');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
    expect(
      chunks
        .filter((chunk) => chunk.choices[0]?.finish_reason)
        .map((chunk) => chunk.choices[0]?.finish_reason),
    ).toEqual(['stop']);
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 1, completion_tokens: 4, total_tokens: 5 },
    });
  });

  it('has no usage chunk without include_usage, and asks for a stream whatever the request says', async () => {
    const chunks = await collect(await provider.stream(hello, call));

    expect(lastBody().stream).toBe(true);
    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
  });

  it('streams thinking as reasoning_content', async () => {
    const chunks = await collect(await provider.stream({ ...hello, reasoning_effort: 'high' }, call));

    expect(reasoningOf(chunks)).toBe('Mock reasoning about: Hello!');
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
  });
});
