import {
  BadRequestError,
  type ChatRequest,
  isProvider,
  type Provider,
  thinkingBudgetFor,
} from '@switchyard/core';
import { type MockUpstream, startMockUpstream } from '@switchyard-tooling/mock-upstream';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  apiKey,
  call,
  collect,
  failure,
  hello,
  otherKey,
  textOf,
  weatherTool,
} from './__fixtures__/provider-harness.js';
import { createAnthropic } from './anthropic-provider.js';

let mock: MockUpstream;
let provider: Provider;
const now = () => 1_760_000_000_000;

beforeAll(async () => {
  mock = await startMockUpstream({ apiKeys: [apiKey, otherKey] });
  provider = createAnthropic({ apiKey, baseURL: mock.url, env: {}, now });
});
beforeEach(() => mock.reset());
afterAll(async () => {
  await provider.close?.();
  await mock.close();
});

it('is a chat provider with tools, vision and JSON schema, and no embeddings', () => {
  expect(isProvider(provider)).toBe(true);
  expect(provider.id).toBe('anthropic');
  expect(provider.capabilities).toEqual({
    chat: true,
    stream: true,
    embeddings: false,
    tools: true,
    vision: true,
    jsonSchema: true,
    streamUsage: true,
  });
  expect(provider.embed).toBeUndefined();
});

describe('chat', () => {
  it('posts the translated request to /v1/messages with x-api-key and anthropic-version', async () => {
    const request: ChatRequest = {
      ...hello,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'Weather in Paris?' },
      ],
      tools: [weatherTool],
      tool_choice: 'auto',
      temperature: 0.2,
      stop: ['\n\nHuman:'],
      user: 'user-1234',
      max_tokens: 512,
      top_k: 40,
    };

    await provider.chat(request, call);

    const [recorded] = mock.requests;
    expect(mock.requests).toHaveLength(1);
    expect(recorded).toMatchObject({ method: 'POST', path: '/v1/messages', query: {} });
    expect(recorded?.headers).toMatchObject({
      'x-api-key': apiKey,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      accept: 'application/json',
    });
    expect(recorded?.headers).not.toHaveProperty('authorization');
    expect(recorded?.headers).not.toHaveProperty('anthropic-beta');
    expect(recorded?.body).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 512,
      system: 'Be brief.',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather of a city',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        },
      ],
      tool_choice: { type: 'auto' },
      temperature: 0.2,
      stop_sequences: ['\n\nHuman:'],
      metadata: { user_id: 'user-1234' },
      top_k: 40,
    });
  });

  it('returns the answer as a chat completion', async () => {
    const response = await provider.chat(hello, call);

    expect(response).toEqual({
      id: expect.stringMatching(/^msg_01/),
      object: 'chat.completion',
      created: 1_760_000_000,
      model: 'claude-sonnet-4-5',
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
        prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
        completion_tokens_details: { reasoning_tokens: 0 },
      },
    });
  });

  it('counts cache reads and writes in the prompt tokens', async () => {
    mock.script({
      respond: {
        usage: { prompt_tokens: 1000, completion_tokens: 20, cached_tokens: 600, cache_creation_tokens: 300 },
      },
    });

    const response = await provider.chat(hello, call);

    expect(mock.requests[0]?.body).not.toHaveProperty('usage');
    expect(response.usage).toEqual({
      prompt_tokens: 1000,
      completion_tokens: 20,
      total_tokens: 1020,
      prompt_tokens_details: { cached_tokens: 600, cache_creation_tokens: 300 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('returns tool calls, and sends their results back as tool_result blocks the upstream accepts', async () => {
    mock.script({
      respond: { toolCalls: [{ name: 'get_weather', arguments: '{"city":"Paris"}' }] },
      times: 1,
    });
    const request: ChatRequest = { ...hello, tools: [weatherTool], tool_choice: 'required' };

    const first = await provider.chat(request, call);
    const message = first.choices[0]?.message;
    const second = await provider.chat(
      {
        ...request,
        tool_choice: 'auto',
        messages: [
          ...request.messages,
          { role: 'assistant', content: message?.content ?? null, tool_calls: message?.tool_calls ?? [] },
          { role: 'tool', tool_call_id: message?.tool_calls?.[0]?.id ?? '', content: '21 degrees' },
        ],
      },
      call,
    );

    expect(mock.requests[0]?.body).toMatchObject({ tool_choice: { type: 'any' } });
    expect(first.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          {
            id: expect.stringMatching(/^toolu_01/),
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
        ],
      },
    });
    expect(second.choices[0]?.message.content).toBe('Mock reply to: 21 degrees');
  });

  it('thinks within the budget for reasoning_effort, and sends thinking blocks back signed', async () => {
    const request: ChatRequest = { ...hello, reasoning_effort: 'medium' };

    const first = await provider.chat(request, call);
    const thinking = first.choices[0]?.message;
    await provider.chat(
      {
        ...request,
        messages: [
          ...request.messages,
          {
            role: 'assistant',
            content: thinking?.content ?? null,
            thinking_blocks: thinking?.thinking_blocks ?? null,
          },
          { role: 'user', content: 'And then?' },
        ],
      },
      call,
    );

    expect(mock.requests[0]?.body).toMatchObject({
      thinking: { type: 'enabled', budget_tokens: thinkingBudgetFor('medium') },
    });
    expect(thinking).toMatchObject({
      content: 'Mock reply to: Hello!',
      reasoning_content: 'Mock thinking about: Hello!',
      thinking_blocks: [
        { type: 'thinking', thinking: 'Mock thinking about: Hello!', signature: expect.any(String) },
      ],
    });
    expect(first.usage?.completion_tokens_details?.reasoning_tokens).toBe(4);
    expect(mock.requests[1]?.body).toHaveProperty('messages.1', {
      role: 'assistant',
      content: [thinking?.thinking_blocks?.[0], { type: 'text', text: 'Mock reply to: Hello!' }],
    });
  });

  it('asks for a JSON schema answer with native structured output', async () => {
    mock.script({ respond: { content: '{"city":"Paris"}' } });
    const schema = { type: 'object', properties: { city: { type: 'string' } } };

    const response = await provider.chat(
      { ...hello, response_format: { type: 'json_schema', json_schema: { name: 'city', schema } } },
      call,
    );

    expect(mock.requests[0]?.body).toMatchObject({
      output_config: { format: { type: 'json_schema', schema } },
    });
    expect(response.choices[0]?.message.content).toBe('{"city":"Paris"}');
  });

  it('asks older models for a JSON answer through the forced json_tool_call, returning it as content', async () => {
    mock.script({ respond: { toolCalls: [{ name: 'json_tool_call', arguments: '{"city":"Paris"}' }] } });

    const response = await provider.chat(
      { ...hello, response_format: { type: 'json_object' } },
      { model: 'claude-3-5-haiku-20241022' },
    );

    expect(mock.requests[0]?.body).toMatchObject({
      model: 'claude-3-5-haiku-20241022',
      max_tokens: 8192,
      tool_choice: { type: 'tool', name: 'json_tool_call' },
    });
    expect(response.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: '{"city":"Paris"}' },
    });
    expect(response.choices[0]?.message).not.toHaveProperty('tool_calls');
  });

  it('asks for a plain answer even when the request says stream: true', async () => {
    const response = await provider.chat({ ...hello, stream: true }, call);

    expect(mock.requests[0]?.body).not.toHaveProperty('stream');
    expect(response.choices[0]?.message.content).toBe('Mock reply to: Hello!');
  });

  it('refuses a parameter Anthropic cannot take before sending anything, unless told to drop it', async () => {
    const error = await failure(provider.chat({ ...hello, seed: 42 }, call));
    await provider.chat({ ...hello, seed: 42 }, { ...call, dropParams: true });

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error.param).toBe('seed');
    expect(mock.requests).toHaveLength(1);
    expect(mock.requests[0]?.body).not.toHaveProperty('seed');
  });
});

describe('stream', () => {
  it('streams the content and ends with the usage chunk when include_usage is set', async () => {
    const request: ChatRequest = { ...hello, stream: true, stream_options: { include_usage: true } };

    const chunks = await collect(await provider.stream(request, call));

    expect(mock.requests[0]?.headers.accept).toBe('text/event-stream');
    expect(mock.requests[0]?.body).toMatchObject({ stream: true });
    expect(mock.requests[0]?.body).not.toHaveProperty('stream_options');
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: '' });
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 1, completion_tokens: 4 } });
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1);
  });

  it('has no usage chunk without include_usage, and streams even when the request does not say so', async () => {
    const chunks = await collect(await provider.stream(hello, call));

    expect(mock.requests[0]?.body).toMatchObject({ stream: true });
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage == null)).toBe(true);
  });

  it('streams several tool calls with indexes 0 and 1 whatever their content block index', async () => {
    mock.script({
      respond: {
        content: 'Checking.',
        toolCalls: [
          { name: 'get_weather', arguments: '{"city":"Paris"}' },
          { name: 'get_weather', arguments: '{"city":"Rome"}' },
        ],
      },
    });

    const chunks = await collect(await provider.stream({ ...hello, tools: [weatherTool] }, call));

    const calls = chunks.flatMap((chunk) => chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []));
    const argumentsOf = (index: number) =>
      calls
        .filter((delta) => delta.index === index)
        .map((delta) => delta.function?.arguments ?? '')
        .join('');
    expect(calls.filter((delta) => delta.id).map((delta) => delta.index)).toEqual([0, 1]);
    expect(argumentsOf(0)).toBe('{"city":"Paris"}');
    expect(argumentsOf(1)).toBe('{"city":"Rome"}');
    expect(textOf(chunks)).toBe('Checking.');
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams thinking as reasoning_content and the signed block', async () => {
    const chunks = await collect(await provider.stream({ ...hello, reasoning_effort: 'low' }, call));

    const deltas = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
    expect(deltas.map((delta) => delta.reasoning_content ?? '').join('')).toBe('Mock thinking about: Hello!');
    expect(deltas.flatMap((delta) => (delta.thinking_blocks as unknown[] | undefined) ?? [])).toEqual([
      { type: 'thinking', thinking: 'Mock thinking about: Hello!', signature: expect.any(String) },
    ]);
    expect(textOf(chunks)).toBe('Mock reply to: Hello!');
  });
});
