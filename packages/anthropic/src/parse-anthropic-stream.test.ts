import { BadGatewayError, type ChatChunk, ServiceUnavailableError, SwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture } from './__fixtures__/load-fixture.js';
import { anthropicError, statusOfAnthropicError } from './anthropic-error.js';
import type { AnthropicStreamContext } from './anthropic-stream-translator.js';
import { parseAnthropicStream } from './parse-anthropic-stream.js';

const created = 1_760_000_000;
const context: AnthropicStreamContext = {
  provider: 'anthropic',
  created,
  includeUsage: false,
  toError: (body) =>
    anthropicError({
      provider: 'anthropic',
      model: 'claude-sonnet-4-5',
      status: statusOfAnthropicError(body),
      headers: {},
      body,
      secrets: [],
    }),
};

const encoder = new TextEncoder();

/** The transcript's bytes in pieces of `size` bytes (splitting lines and multi-byte characters). */
function pieces(text: string, size: number): Uint8Array[] {
  const bytes = encoder.encode(text);
  const out: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) out.push(bytes.slice(start, start + size));
  return out;
}

async function* replay(chunks: Iterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield chunk;
}

async function collect(text: string, extra: Partial<AnthropicStreamContext> = {}, size = text.length * 4) {
  const chunks: ChatChunk[] = [];
  for await (const chunk of parseAnthropicStream(replay(pieces(text, size)), { ...context, ...extra })) {
    chunks.push(chunk);
  }
  return chunks;
}

async function collectUntilError(text: string) {
  const yielded: ChatChunk[] = [];
  try {
    for await (const chunk of parseAnthropicStream(replay(pieces(text, 64)), context)) yielded.push(chunk);
  } catch (error) {
    expect(SwitchyardError.isInstance(error)).toBe(true);
    return { yielded, error: error as SwitchyardError };
  }
  throw new Error(`the stream ended without an error after ${yielded.length} chunks`);
}

const deltas = (chunks: ChatChunk[]) =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta));
const finishReasons = (chunks: ChatChunk[]) =>
  chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.finish_reason)).filter(Boolean);

describe('parseAnthropicStream', () => {
  it('streams text: a role chunk, the text deltas, the finish reason, all with the message id', async () => {
    const chunks = await collect(loadFixture('messages-stream.sse'));

    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hello' },
      { content: '! Grüße 👋' },
      {},
    ]);
    expect(finishReasons(chunks)).toEqual(['stop']);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({
        id: 'msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY',
        object: 'chat.completion.chunk',
        created,
        model: 'claude-sonnet-4-5-20250929',
      });
      expect(chunk).not.toHaveProperty('usage');
    }
  });

  it.each([1, 2, 3, 7, 64])('gives the same chunks when the bytes arrive %i at a time', async (size) => {
    const text = loadFixture('messages-stream.sse');

    expect(await collect(text, {}, size)).toEqual(await collect(text));
  });

  it('ends with a usage chunk when asked: input from message_start, output from message_delta', async () => {
    const chunks = await collect(loadFixture('messages-stream.sse'), { includeUsage: true });

    expect(chunks.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 25, completion_tokens: 15, total_tokens: 40 },
    });
    expect(chunks.filter((chunk) => chunk.usage)).toHaveLength(1);
  });

  it('streams tool calls indexed by tool call, not by content block, with arguments that join to JSON', async () => {
    const chunks = await collect(loadFixture('messages-stream-tool-use.sse'));

    const calls = deltas(chunks).flatMap((delta) => delta.tool_calls ?? []);
    expect(calls[0]).toEqual({
      index: 0,
      id: 'toolu_01T1x1fJ34qAmk2tNTrN7Up6',
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    });
    const argumentsOf = (index: number) =>
      calls
        .filter((call) => call.index === index)
        .map((call) => call.function?.arguments ?? '')
        .join('');
    expect(JSON.parse(argumentsOf(0))).toEqual({ location: 'San Francisco, CA', unit: 'fahrenheit' });
    expect(calls.filter((call) => call.index === 1)[0]).toMatchObject({
      id: 'toolu_01Qm9Xh1hZ5D3Kc7mYpGq3wE',
    });
    // A tool without input still gets a JSON object as arguments.
    expect(argumentsOf(1)).toBe('{}');
    expect(textOf(chunks)).toBe("Okay, let's check the weather for San Francisco, CA:");
    expect(finishReasons(chunks)).toEqual(['tool_calls']);
  });

  it('streams thinking as reasoning_content, then the finished block with its signature', async () => {
    const chunks = await collect(loadFixture('messages-stream-thinking.sse'), { includeUsage: true });

    const all = deltas(chunks);
    const reasoning = all.map((delta) => delta.reasoning_content ?? '').join('');
    expect(reasoning).toBe(
      'Let me solve this step by step:\n\n1. First break down 27 * 453\n2. 453 = 400 + 50 + 3',
    );
    expect(all.flatMap((delta) => (delta.thinking_blocks as unknown[] | undefined) ?? [])).toEqual([
      {
        type: 'thinking',
        thinking: reasoning,
        signature: 'EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds...',
      },
    ]);
    expect(textOf(chunks)).toBe('27 * 453 = 12,231');
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 4240,
      completion_tokens: 180,
      total_tokens: 4420,
      prompt_tokens_details: { cached_tokens: 3000, cache_creation_tokens: 1200 },
      completion_tokens_details: { reasoning_tokens: 150 },
    });
  });

  it('streams the JSON tool’s input as content and finishes with stop', async () => {
    const transcript = loadFixture('messages-stream-tool-use.sse')
      .replaceAll('"name":"get_weather"', '"name":"json_tool_call"')
      .replace(
        /event: content_block_start\ndata: [^\n]*"get_time"[\s\S]*?event: content_block_stop\ndata: [^\n]*\n\n/,
        '',
      );

    const chunks = await collect(transcript, { jsonToolName: 'json_tool_call' });

    expect(deltas(chunks).some((delta) => delta.tool_calls)).toBe(false);
    expect(textOf(chunks)).toBe(
      'Okay, let\'s check the weather for San Francisco, CA:{"location": "San Francisco, CA", "unit": "fahrenheit"}',
    );
    expect(finishReasons(chunks)).toEqual(['stop']);
  });

  it('ends with the mapped error on an `event: error` (overloaded is a retryable 503)', async () => {
    const { yielded, error } = await collectUntilError(loadFixture('messages-stream-error.sse'));

    expect(textOf(yielded)).toBe('Hello');
    expect(error).toBeInstanceOf(ServiceUnavailableError);
    expect(error).toMatchObject({
      retryable: true,
      upstreamStatus: 529,
      type: 'overloaded_error',
      message: 'Overloaded',
    });
  });

  it('ends with an error when the stream stops before message_stop', async () => {
    const transcript = loadFixture('messages-stream.sse');
    const cut = transcript.slice(0, transcript.indexOf('event: message_delta'));

    const { yielded, error } = await collectUntilError(cut);

    expect(textOf(yielded)).toBe('Hello! Grüße 👋');
    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('incomplete_stream');
  });

  it('ends with an error on a frame that is not JSON', async () => {
    const { error } = await collectUntilError(
      'event: message_start\ndata: {"type":"message_start","message":{"id":"msg_1"}}\n\nevent: content_block_start\ndata: {"type":"content_b\n\n',
    );

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('invalid_upstream_response');
  });

  it('ignores pings and event types it does not know', async () => {
    const transcript = loadFixture('messages-stream.sse').replace(
      'event: ping',
      'event: some_future_event\ndata: {"type":"some_future_event","x":1}\n\nevent: ping',
    );

    expect(await collect(transcript)).toEqual(await collect(loadFixture('messages-stream.sse')));
  });
});

function textOf(chunks: ChatChunk[]): string {
  return deltas(chunks)
    .map((delta) => delta.content ?? '')
    .join('');
}
