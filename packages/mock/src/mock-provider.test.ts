import {
  AbortedError,
  AuthenticationError,
  BadRequestError,
  type ChatChunk,
  type ChatChunkStream,
  type ChatRequest,
  decodeFloat32Base64,
  InternalServerError,
  isProvider,
  type ProviderCallOptions,
  RateLimitError,
  safeParseJson,
  TimeoutError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { createMock, mock } from './mock-provider.js';

const options: ProviderCallOptions = { model: 'demo' };
const hello: ChatRequest = { model: 'demo', messages: [{ role: 'user', content: 'Hello, mock!' }] };
const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
    },
  },
} as const;
const askWeather: ChatRequest = {
  model: 'demo',
  messages: [{ role: 'user', content: 'Call get_weather for Oslo' }],
  tools: [weatherTool],
};

async function collect(stream: ChatChunkStream): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

const content = (chunks: ChatChunk[]) =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? '')).join('');

describe('mock provider', () => {
  it('is a provider with every capability', () => {
    expect(isProvider(mock)).toBe(true);
    expect(mock.id).toBe('mock');
    expect(Object.values(mock.capabilities).every(Boolean)).toBe(true);
  });

  it('answers a chat completion shaped like OpenAI', async () => {
    const provider = createMock({ now: () => 1_700_000_000_500 });
    const response = await provider.chat(hello, options);
    expect(response).toEqual({
      id: 'chatcmpl-mock-1',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'demo',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'This is a mock response from demo to: "Hello, mock!"',
            refusal: null,
          },
          logprobs: null,
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 13, total_tokens: 16 },
    });
    expect((await provider.chat(hello, options)).id).toBe('chatcmpl-mock-2');
  });

  it('gives the same answer to the same request', async () => {
    const first = await createMock().chat(askWeather, options);
    const second = await createMock().chat(askWeather, options);
    expect(second).toEqual({ ...first, created: second.created });
  });
});

describe('mock provider answer options', () => {
  it('answers n choices and counts their completion tokens', async () => {
    const one = await mock.chat(hello, options);
    const three = await mock.chat({ ...hello, n: 3 }, options);
    expect(three.choices.map((choice) => choice.index)).toEqual([0, 1, 2]);
    expect(three.choices[2]?.message).toEqual(one.choices[0]?.message);
    expect(three.usage?.completion_tokens).toBe((one.usage?.completion_tokens ?? 0) * 3);
  });

  it('cuts the answer at max_tokens with finish reason length', async () => {
    const response = await mock.chat({ ...hello, max_tokens: 2 }, options);
    expect(response.choices[0]?.finish_reason).toBe('length');
    expect(response.choices[0]?.message.content).toBe('This is ');
    expect(response.usage?.completion_tokens).toBe(2);
  });

  it('answers valid JSON for json_object and json_schema', async () => {
    const json = await mock.chat({ ...hello, response_format: { type: 'json_object' } }, options);
    expect(safeParseJson(json.choices[0]?.message.content ?? '').ok).toBe(true);
    const schema = { type: 'object', properties: { title: { type: 'string' } }, required: ['title'] };
    const format = { type: 'json_schema' as const, json_schema: { name: 'book', schema } };
    const structured = await mock.chat({ ...hello, response_format: format }, options);
    expect(safeParseJson(structured.choices[0]?.message.content ?? '')).toEqual({
      ok: true,
      value: { title: 'mock' },
    });
  });

  it('calls a tool the user names, with arguments matching the schema', async () => {
    const response = await mock.chat(askWeather, options);
    const choice = response.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.id).toMatch(/^call_/);
    expect(call?.function.name).toBe('get_weather');
    expect(safeParseJson(call?.function.arguments ?? '')).toEqual({
      ok: true,
      value: { city: 'mock', unit: 'celsius' },
    });
  });
});

describe('mock provider streams', () => {
  it('streams chunks that join to the plain answer', async () => {
    const plain = await mock.chat(hello, options);
    const chunks = await collect(await mock.stream(hello, options));
    expect(content(chunks)).toBe(plain.choices[0]?.message.content);
    expect(chunks.length).toBeGreaterThan(3);
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.id === chunks[0]?.id),
    ).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('sends a usage chunk only with stream_options.include_usage', async () => {
    const without = await collect(await mock.stream(hello, options));
    expect(without.some((chunk) => chunk.usage)).toBe(false);
    const withUsage = await collect(
      await mock.stream({ ...hello, stream_options: { include_usage: true } }, options),
    );
    const last = withUsage.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toEqual((await mock.chat(hello, options)).usage);
  });

  it('streams tool calls whose arguments reassemble to valid JSON', async () => {
    const chunks = await collect(await mock.stream(askWeather, options));
    const deltas = chunks.flatMap((chunk) =>
      chunk.choices.flatMap((choice) => choice.delta.tool_calls ?? []),
    );
    expect(deltas[0]).toMatchObject({
      index: 0,
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const args = deltas.map((delta) => delta.function?.arguments ?? '').join('');
    const parsed = safeParseJson(args);
    expect(parsed.ok && parsed.value).toEqual({ city: 'mock', unit: 'celsius' });
    const plain = await mock.chat(askWeather, options);
    expect(deltas[0]?.id).toBe(plain.choices[0]?.message.tool_calls?.[0]?.id);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('ends the stream with AbortedError when the caller aborts mid-stream', async () => {
    const controller = new AbortController();
    const stream = await createMock({ chunkDelayMs: 60_000 }).stream(hello, {
      ...options,
      signal: controller.signal,
    });
    const iterator = stream[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    const pending = iterator.next();
    controller.abort();
    await expect(pending).rejects.toBeInstanceOf(AbortedError);
  });
});

describe('mock provider embeddings', () => {
  it('answers unit vectors of the requested size, in float or base64', async () => {
    const request = { model: 'embed', input: ['one', 'two'], dimensions: 12 };
    const floats = await mock.embed?.(request, { model: 'embed' });
    const vector = floats?.data[0]?.embedding as number[];
    expect(vector).toHaveLength(12);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    const base64 = await mock.embed?.({ ...request, encoding_format: 'base64' }, { model: 'embed' });
    expect(decodeFloat32Base64(base64?.data[0]?.embedding as string)).toEqual(vector);
    expect(floats?.usage?.prompt_tokens).toBe(2);
  });
});

describe('mock provider errors and timing', () => {
  it.each([
    ['error-429', RateLimitError, 429],
    ['error-500', InternalServerError, 500],
    ['error-400', BadRequestError, 400],
    ['error-401', AuthenticationError, 401],
  ] as const)('model %s fails chat, stream and embed with %s', async (model, errorClass, status) => {
    const call = { model };
    await expect(mock.chat(hello, call)).rejects.toSatisfy((error) => error instanceof errorClass);
    await expect(mock.stream(hello, call)).rejects.toMatchObject({ status, provider: 'mock' });
    await expect(mock.embed?.({ model, input: 'x' }, call)).rejects.toBeInstanceOf(errorClass);
  });

  it('rejects with AbortedError when the caller aborts during the latency', async () => {
    const provider = createMock({ latencyMs: 60_000 });
    const controller = new AbortController();
    const answer = provider.chat(hello, { ...options, signal: controller.signal });
    const streamed = provider.stream(hello, { ...options, signal: controller.signal });
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(AbortedError);
    await expect(streamed).rejects.toBeInstanceOf(AbortedError);
  });

  it('rejects with TimeoutError when the latency exceeds timeoutMs', async () => {
    const provider = createMock({ latencyMs: 60_000 });
    await expect(provider.chat(hello, { ...options, timeoutMs: 5 })).rejects.toBeInstanceOf(TimeoutError);
  });

  it('reads latency_ms from the deployment params', async () => {
    const controller = new AbortController();
    const call = { ...options, signal: controller.signal, params: { latency_ms: 60_000 } };
    const answer = mock.chat(hello, call);
    controller.abort();
    await expect(answer).rejects.toBeInstanceOf(AbortedError);
  });

  it('refuses invalid settings', () => {
    expect(() => createMock({ latencyMs: -5 })).toThrow(RangeError);
  });
});
