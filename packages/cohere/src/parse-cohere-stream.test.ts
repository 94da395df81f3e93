import {
  BadGatewayError,
  type ChatChunk,
  ContextWindowExceededError,
  InternalServerError,
  RateLimitError,
  SwitchyardError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { sseBytes } from './__fixtures__/load-fixture.js';
import { cohereStreamError } from './cohere-error.js';
import { type CohereStreamContext, parseCohereStream } from './parse-cohere-stream.js';

const context: CohereStreamContext = {
  provider: 'cohere',
  model: 'command-a-03-2025',
  created: 1_750_000_000,
  fallbackId: 'chatcmpl-fallback',
  includeUsage: true,
  toError: (message) =>
    cohereStreamError({ provider: 'cohere', model: 'command-a-03-2025', message, secrets: [] }),
};

async function chunksOf(body: AsyncIterable<Uint8Array>, overrides: Partial<CohereStreamContext> = {}) {
  const chunks: ChatChunk[] = [];
  for await (const chunk of parseCohereStream(body, { ...context, ...overrides })) chunks.push(chunk);
  return chunks;
}

async function* bytes(text: string): AsyncGenerator<Uint8Array> {
  yield new TextEncoder().encode(text);
}

const event = (type: string, data: Record<string, unknown>) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
const start = event('message-start', { id: 'm-1', delta: { message: { role: 'assistant' } } });

async function failureOf(body: AsyncIterable<Uint8Array>): Promise<SwitchyardError> {
  try {
    await chunksOf(body);
  } catch (error) {
    expect(SwitchyardError.isInstance(error)).toBe(true);
    return error as SwitchyardError;
  }
  throw new Error('expected the stream to fail');
}

describe('parseCohereStream', () => {
  it('turns a text stream into role, content, finish and usage chunks with one id', async () => {
    const chunks = await chunksOf(sseBytes('chat-stream.sse', 5));

    expect(chunks.map((chunk) => chunk.choices[0]?.delta ?? null)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'The' },
      { content: ' Rhône' },
      { content: ' and' },
      { content: ' the' },
      { content: ' Saône.' },
      {},
      null,
    ]);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(
      new Set(['0f9e8d7c-6b5a-4493-8271-605f4e3d2c1b']),
    );
    expect(
      chunks.every((chunk) => chunk.object === 'chat.completion.chunk' && chunk.created === 1_750_000_000),
    ).toBe(true);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: {
        prompt_tokens: 512,
        completion_tokens: 9,
        total_tokens: 521,
        prompt_tokens_details: { cached_tokens: 448 },
      },
    });
  });

  it('has no usage chunk unless asked', async () => {
    const chunks = await chunksOf(sseBytes('chat-stream.sse'), { includeUsage: false });

    expect(chunks.some((chunk) => chunk.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('streams the tool plan as content and each tool call with its index, id and name first', async () => {
    const chunks = await chunksOf(sseBytes('chat-stream-tool-call.sse', 11));

    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(content).toBe('I will look up both cities.');
    const deltas = chunks.flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? []);
    expect(deltas.filter((delta) => delta.id)).toEqual([
      {
        index: 0,
        id: 'get_weather_3kq9v2m7x1pd',
        type: 'function',
        function: { name: 'get_weather', arguments: '' },
      },
      {
        index: 1,
        id: 'get_weather_8wz4t6n0c5hr',
        type: 'function',
        function: { name: 'get_weather', arguments: '' },
      },
    ]);
    const argumentsOf = (index: number) =>
      deltas
        .filter((delta) => delta.index === index)
        .map((delta) => delta.function?.arguments ?? '')
        .join('');
    expect(argumentsOf(0)).toBe('{"city":"Lyon"}');
    expect(argumentsOf(1)).toBe('{"city":"Oslo"}');
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('streams thinking as reasoning_content and ignores citations', async () => {
    const chunks = await chunksOf(sseBytes('chat-stream-reasoning.sse', 3));

    const reasoning = chunks.map((chunk) => chunk.choices[0]?.delta.reasoning_content ?? '').join('');
    const content = chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
    expect(reasoning).toBe('17 times 3 is 51.');
    expect(content).toBe('17 × 3 = 51.');
  });

  it('sends {} for a tool call that streamed no arguments', async () => {
    const call = { id: 'now_1', type: 'function', function: { name: 'now', arguments: '' } };
    const chunks = await chunksOf(
      bytes(
        start +
          event('tool-call-start', { index: 0, delta: { message: { tool_calls: call } } }) +
          event('tool-call-end', { index: 0 }) +
          event('message-end', { delta: { finish_reason: 'TOOL_CALL' } }),
      ),
    );

    const args = chunks
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
      .map((d) => d.function?.arguments);
    expect(args.join('')).toBe('{}');
  });

  it('takes the event name when the data has no type, and skips [DONE]', async () => {
    const chunks = await chunksOf(
      bytes(
        'event: message-start\ndata: {"id":"m-2"}\n\n' +
          'event: content-delta\ndata: {"index":0,"delta":{"message":{"content":{"text":"Hi"}}}}\n\n' +
          event('message-end', { delta: { finish_reason: 'COMPLETE' } }) +
          'data: [DONE]\n\n',
      ),
    );

    expect(chunks.map((chunk) => chunk.id)).toEqual(['m-2', 'm-2', 'm-2']);
    expect(chunks[1]?.choices[0]?.delta).toEqual({ content: 'Hi' });
  });

  it('throws incomplete_stream when the stream ends before message-end', async () => {
    const error = await failureOf(
      bytes(start + event('content-delta', { index: 0, delta: { message: { content: { text: 'Hi' } } } })),
    );

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('incomplete_stream');
  });

  it('throws for an invalid frame, an error frame, and a failed generation', async () => {
    const invalid = await failureOf(bytes(`${start}event: content-delta\ndata: {"type":\n\n`));
    const frame = await failureOf(bytes(`${start}data: {"message":"too many requests, slow down"}\n\n`));
    const failed = await failureOf(
      bytes(start + event('message-end', { delta: { finish_reason: 'ERROR', error: 'model crashed' } })),
    );
    const tooLong = await failureOf(
      bytes(
        start +
          event('message-end', {
            delta: { finish_reason: 'ERROR', error: 'too many tokens: prompt is too long' },
          }),
      ),
    );

    expect(invalid).toMatchObject({ code: 'invalid_upstream_response' });
    // The message is all an in-stream error has to say what it is.
    expect(frame).toBeInstanceOf(RateLimitError);
    expect(frame.message).toBe('too many requests, slow down');
    expect(failed).toBeInstanceOf(InternalServerError);
    expect(failed.message).toContain('model crashed');
    expect(tooLong).toBeInstanceOf(ContextWindowExceededError);
  });
});
