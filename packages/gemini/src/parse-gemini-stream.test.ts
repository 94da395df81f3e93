import {
  BadGatewayError,
  type ChatChunk,
  ContentPolicyViolationError,
  RateLimitError,
  type SwitchyardError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture, loadJsonFixture } from './__fixtures__/load-fixture.js';
import { convertGeminiResponse } from './convert-gemini-response.js';
import { geminiError } from './gemini-error.js';
import { parseGeminiStream } from './parse-gemini-stream.js';

const context = {
  provider: 'gemini',
  model: 'gemini-2.0-flash',
  created: 1_754_000_000,
  includeUsage: true,
  toError: (body: string) =>
    geminiError({ provider: 'gemini', model: 'gemini-2.0-flash', status: 0, headers: {}, body, secrets: [] }),
};

/** The text as a byte stream cut into `size`-byte pieces (splitting multi-byte characters too). */
async function* bytes(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const encoded = new TextEncoder().encode(text);
  for (let start = 0; start < encoded.length; start += size) yield encoded.slice(start, start + size);
}

async function collect(text: string, overrides: Partial<typeof context> = {}): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of parseGeminiStream(bytes(text), { ...context, ...overrides })) chunks.push(chunk);
  return chunks;
}

async function failure(text: string): Promise<{ chunks: ChatChunk[]; error: SwitchyardError }> {
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of parseGeminiStream(bytes(text), context)) chunks.push(chunk);
  } catch (error) {
    return { chunks, error: error as SwitchyardError };
  }
  throw new Error('expected the stream to fail');
}

const deltas = (chunks: ChatChunk[]) => chunks.map((chunk) => chunk.choices[0]?.delta);

describe('parseGeminiStream', () => {
  it('turns text events into a role chunk, content deltas, a finish chunk and one usage chunk', async () => {
    const chunks = await collect(loadFixture('stream-text.sse'));

    expect(deltas(chunks)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'The' },
      { content: ' answer is 42, naïvely. ' },
      { content: 'Enjoy.' },
      {},
      undefined,
    ]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('stop');
    // Gemini's usage is cumulative: the last event's counts, never a sum over events.
    expect(chunks.at(-1)).toEqual({
      id: 'chatcmpl-9XqfaOy8Lb2evdIPqOXvmAI',
      object: 'chat.completion.chunk',
      created: 1_754_000_000,
      model: 'gemini-2.0-flash',
      choices: [],
      usage: { prompt_tokens: 9, completion_tokens: 10, total_tokens: 19 },
    });
    expect(new Set(chunks.map((chunk) => `${chunk.id}/${chunk.created}`)).size).toBe(1);
  });

  it('has no usage chunk without include_usage', async () => {
    const chunks = await collect(loadFixture('stream-text.sse'), { includeUsage: false });

    expect(chunks.every((chunk) => chunk.choices.length === 1 && chunk.usage === undefined)).toBe(true);
  });

  it('streams reasoning, then tool calls as header and argument deltas, ending in tool_calls', async () => {
    const chunks = await collect(loadFixture('stream-thinking-function-call.sse'));

    expect(deltas(chunks).slice(0, 6)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: '**Checking the weather**\n\nI need the weather tool.' },
      {
        tool_calls: [
          {
            index: 0,
            id: expect.stringMatching(/^call_[0-9a-f]{24}__thought__CiQB/),
            type: 'function',
            function: { name: 'get_current_weather', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 0, function: { arguments: '{"location":"Boston, MA","unit":"celsius"}' } }] },
      {
        tool_calls: [
          {
            index: 1,
            id: expect.stringMatching(/^call_/),
            type: 'function',
            function: { name: 'get_current_time', arguments: '' },
          },
        ],
      },
      { tool_calls: [{ index: 1, function: { arguments: '{}' } }] },
    ]);
    expect(chunks.at(-2)?.choices[0]?.finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.usage).toEqual({
      prompt_tokens: 88,
      completion_tokens: 82,
      total_tokens: 170,
      completion_tokens_details: { reasoning_tokens: 52 },
    });
  });

  it('gives streamed tool calls the ids the same answer gets unstreamed', async () => {
    const chunks = await collect(loadFixture('stream-thinking-function-call.sse'));
    const streamedIds = chunks
      .flatMap((chunk) => chunk.choices[0]?.delta.tool_calls ?? [])
      .flatMap((call) => call.id ?? []);
    const last = JSON.parse(
      loadFixture('stream-thinking-function-call.sse').split('\n\n')[1]?.slice(6) ?? '',
    );

    const response = convertGeminiResponse(last, context);

    expect(streamedIds).toEqual(response.choices[0]?.message.tool_calls?.map((call) => call.id));
  });

  it('throws the mapped error for an error event, after the chunks before it', async () => {
    const [first] = loadFixture('stream-text.sse').split('\n\n');
    const errorEvent = `data: ${JSON.stringify(loadJsonFixture('error-429-resource-exhausted.json'))}\n\n`;

    const { chunks, error } = await failure(`${first}\n\n${errorEvent}`);

    expect(chunks).toHaveLength(2);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.retryAfterMs).toBe(37_000);
  });

  it('throws incomplete_stream when the stream ends before a finish reason', async () => {
    const [first] = loadFixture('stream-text.sse').split('\n\n');

    const { error } = await failure(`${first}\n\n`);
    const empty = await failure('');

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('incomplete_stream');
    expect(empty.error.code).toBe('incomplete_stream');
  });

  it('throws on an invalid event and on a blocked prompt', async () => {
    const invalid = await failure('data: {"candidates": [\n\n');
    const blocked = await failure(
      `data: ${JSON.stringify(loadJsonFixture('prompt-blocked.response.json'))}\n\n`,
    );

    expect(invalid.error.code).toBe('invalid_upstream_response');
    expect(blocked.error).toBeInstanceOf(ContentPolicyViolationError);
  });

  it('keeps candidates apart when n > 1', async () => {
    const event = (index: number, text: string, finish?: string) =>
      `data: ${JSON.stringify({ candidates: [{ content: { role: 'model', parts: [{ text }] }, index, ...(finish ? { finishReason: finish } : {}) }], responseId: 'r' })}\n\n`;

    const chunks = await collect(event(0, 'a', 'STOP') + event(1, 'b') + event(1, 'c', 'MAX_TOKENS'), {
      includeUsage: false,
    });

    expect(
      chunks.map((chunk) => [
        chunk.choices[0]?.index,
        chunk.choices[0]?.delta.content,
        chunk.choices[0]?.finish_reason,
      ]),
    ).toEqual([
      [0, '', null],
      [0, 'a', null],
      [0, undefined, 'stop'],
      [1, '', null],
      [1, 'b', null],
      [1, 'c', null],
      [1, undefined, 'length'],
    ]);
  });
});
