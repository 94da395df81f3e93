import {
  BadGatewayError,
  type ChatChunk,
  getRawJson,
  RateLimitError,
  type SwitchyardError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { bytesOf, loadFixture } from './__fixtures__/load-fixture.js';
import { mistralError, statusOfMistralErrorFrame } from './mistral-error.js';
import { parseMistralStream } from './parse-mistral-stream.js';

function parse(transcript: string, includeUsage = true) {
  return parseMistralStream(bytesOf(transcript), {
    provider: 'mistral',
    model: 'mistral-large-latest',
    includeUsage,
    toError: (body) =>
      mistralError({
        provider: 'mistral',
        model: 'mistral-large-latest',
        status: statusOfMistralErrorFrame(body),
        headers: {},
        body,
        secrets: [],
      }),
  });
}

async function collect(stream: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of stream) chunks.push(chunk);
  return chunks;
}

async function failure(
  stream: AsyncIterable<ChatChunk>,
): Promise<{ chunks: ChatChunk[]; error: SwitchyardError }> {
  const chunks: ChatChunk[] = [];
  try {
    for await (const chunk of stream) chunks.push(chunk);
  } catch (error) {
    return { chunks, error: error as SwitchyardError };
  }
  throw new Error('expected the stream to fail');
}

const frame = (data: object) => `data: ${JSON.stringify(data)}\n\n`;
const chunk = (delta: object, finish: string | null = null, extra: object = {}) =>
  frame({
    id: 'a1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta, finish_reason: finish }],
    ...extra,
  });

describe('parseMistralStream', () => {
  it('passes chunks already in OpenAI’s shape on as they are, and moves usage to a final chunk', async () => {
    const chunks = await collect(parse(loadFixture('chat-stream.sse')));

    expect(chunks.map((entry) => entry.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'C' },
      { content: 'oca' },
      { content: '-Cola™ is a' },
      { content: ' carbonated' },
      undefined,
    ]);
    expect(chunks.map((entry) => entry.choices[0]?.finish_reason ?? null)).toEqual([
      null,
      null,
      null,
      null,
      'length',
      null,
    ]);
    expect(getRawJson(chunks[2] as object)).toContain('"oca"');
    expect(chunks[4]).not.toHaveProperty('usage');
    expect(chunks.at(-1)).toEqual({
      id: 'f798ebd5c41a45d88bb079635121cade',
      object: 'chat.completion.chunk',
      created: 1732548656,
      model: 'mistral-large-latest',
      choices: [],
      usage: { prompt_tokens: 34, completion_tokens: 4, total_tokens: 38 },
    });
    expect(new Set(chunks.map((entry) => entry.id)).size).toBe(1);
  });

  it('reports no usage when the caller did not ask for it', async () => {
    const chunks = await collect(parse(loadFixture('chat-stream.sse'), false));

    expect(chunks.some((entry) => entry.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
  });

  it('splits each whole tool call into a header delta and an arguments delta, finish reason last', async () => {
    const chunks = await collect(parse(loadFixture('chat-stream-tool-call.sse'), false));

    expect(chunks.slice(1).map((entry) => entry.choices[0])).toEqual([
      {
        index: 0,
        delta: {
          tool_calls: [
            {
              index: 0,
              id: 'D681PevKs',
              type: 'function',
              function: { name: 'retrieve_payment_status', arguments: '' },
            },
          ],
        },
        finish_reason: null,
      },
      {
        index: 0,
        delta: { tool_calls: [{ index: 0, function: { arguments: '{"transaction_id": "T1001"}' } }] },
        finish_reason: null,
      },
      {
        index: 0,
        delta: {
          tool_calls: [
            {
              index: 1,
              id: 'VvvODy9mT',
              type: 'function',
              function: { name: 'retrieve_payment_date', arguments: '' },
            },
          ],
        },
        finish_reason: null,
      },
      {
        index: 0,
        delta: { tool_calls: [{ index: 1, function: { arguments: '{"transaction_id": "T1001"}' } }] },
        finish_reason: 'tool_calls',
      },
    ]);
  });

  it('streams thinking chunks as reasoning_content and text chunks as content', async () => {
    const chunks = await collect(parse(loadFixture('chat-stream-thinking.sse'), false));

    expect(chunks.map((entry) => entry.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { reasoning_content: '17 * 20 = 340' },
      { reasoning_content: ', plus 51 is 391.' },
      { content: '17 × 23 = ' },
      { content: '391.' },
    ]);
  });

  it('adds the role when the first chunk of a choice lacks it', async () => {
    const chunks = await collect(parse(`${chunk({ content: 'Hi' }, 'stop')}data: [DONE]\n\n`, false));

    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: 'Hi' });
  });

  it('throws a Mistral error frame after the first chunk as the error it stands for', async () => {
    const errorFrame = frame({
      object: 'error',
      message: 'Requests rate limit exceeded',
      type: 'rate_limited',
      param: null,
      code: null,
      raw_status_code: 429,
    });

    const { chunks, error } = await failure(
      parse(`${chunk({ role: 'assistant', content: '' })}${errorFrame}`),
    );

    expect(chunks).toHaveLength(1);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error.message).toBe('Requests rate limit exceeded');
  });

  it('fails a stream that ends without a finish reason as incomplete, even after [DONE]', async () => {
    const cut = await failure(parse(chunk({ role: 'assistant', content: 'Hel' })));
    const early = await failure(parse(`${chunk({ role: 'assistant', content: 'Hel' })}data: [DONE]\n\n`));

    for (const { error } of [cut, early]) {
      expect(error).toBeInstanceOf(BadGatewayError);
      expect(error.code).toBe('incomplete_stream');
    }
  });

  it('fails a frame that is not JSON', async () => {
    const { error } = await failure(parse(`${chunk({ role: 'assistant', content: '' })}data: {"id":\n\n`));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error.code).toBe('invalid_upstream_response');
  });

  it('fails on a finish reason of "error" instead of ending cleanly', async () => {
    const { error } = await failure(
      parse(`${chunk({ role: 'assistant', content: 'x' })}${chunk({}, 'error')}data: [DONE]\n\n`),
    );

    expect(error.retryable).toBe(true);
  });
});
