import {
  BadGatewayError,
  type ChatChunk,
  getRawJson,
  InternalServerError,
  SwitchyardError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadFixture, sseFrames } from './__fixtures__/load-fixture.js';
import { normalizeAzureChunk, parseAzureStream } from './parse-azure-stream.js';

/** The transcript as bytes, cut every `size` bytes (through multi-byte characters too). */
async function* bytesOf(text: string, size = 7): AsyncGenerator<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

const context = {
  provider: 'azure',
  toError: (body: string) => new InternalServerError({ message: `frame error: ${body}`, provider: 'azure' }),
};

async function collect(text: string): Promise<ChatChunk[]> {
  const chunks: ChatChunk[] = [];
  for await (const chunk of parseAzureStream(bytesOf(text), context)) chunks.push(chunk);
  return chunks;
}

describe('parseAzureStream', () => {
  it('skips the prompt-filter frame and passes the chunks and the usage chunk through untouched', async () => {
    const transcript = loadFixture('chat-stream-include-usage.sse');
    const frames = sseFrames(transcript);

    const chunks = await collect(transcript);

    expect(chunks).toHaveLength(5);
    expect(new Set(chunks.map((chunk) => chunk.id))).toEqual(
      new Set(['chatcmpl-AZ1xK9mQ0wTzR7pL3vB2nC8dE4fGh']),
    );
    expect(chunks[0]?.choices[0]?.delta).toMatchObject({ role: 'assistant', content: '' });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('')).toBe(
      'Ahoy matey – ⚓ arrr!',
    );
    expect(chunks[3]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks[4]).toMatchObject({ choices: [], usage: { prompt_tokens: 33, completion_tokens: 6 } });
    expect(chunks.map((chunk) => getRawJson(chunk))).toEqual(frames.slice(1, -1));
  });

  it('skips asynchronous-filter annotation frames, keeping one id', async () => {
    const chunks = await collect(loadFixture('chat-stream-async-filter.sse'));

    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant' },
      { content: 'Color' },
      { content: ' is' },
      {},
    ]);
    expect(chunks.every((chunk) => chunk.id === 'chatcmpl-7rCNsVeZy0PGnX3H6jK8STps5nZUY')).toBe(true);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('stop');
  });

  it('passes a content_filter finish from an annotation frame, with the stream’s id and an empty delta', async () => {
    const chunks = await collect(loadFixture('chat-stream-filtered.sse'));

    const last = chunks.at(-1);
    expect(chunks).toHaveLength(4);
    expect(last).toMatchObject({
      id: 'chatcmpl-8JCbt5d4luUIhYCI7YH4dQK7hnHx2',
      object: 'chat.completion.chunk',
      created: 1699587397,
      model: 'gpt-35-turbo',
      choices: [{ index: 0, finish_reason: 'content_filter', delta: {} }],
    });
  });

  it('fails a stream cut off before any finish reason as incomplete', async () => {
    const frames = loadFixture('chat-stream-include-usage.sse').split('\n\n').slice(0, 3).join('\n\n');

    const outcome = await collect(`${frames}\n\n`).catch((error: unknown) => error);

    expect(outcome).toBeInstanceOf(BadGatewayError);
    expect((outcome as SwitchyardError).code).toBe('incomplete_stream');
  });

  it('throws an error frame through toError', async () => {
    const transcript = `${sseFrames(loadFixture('chat-stream-include-usage.sse'))
      .slice(0, 2)
      .map((frame) => `data: ${frame}\n\n`)
      .join('')}data: {"error":{"code":"429","message":"slow down"}}\n\n`;

    const outcome = await collect(transcript).catch((error: unknown) => error);

    expect(SwitchyardError.isInstance(outcome)).toBe(true);
    expect((outcome as Error).message).toContain('slow down');
  });
});

describe('normalizeAzureChunk', () => {
  const chunk = (fields: Partial<ChatChunk>): ChatChunk => ({
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o',
    choices: [],
    ...fields,
  });

  it('returns the same object when nothing needs changing', () => {
    const plain = chunk({ choices: [{ index: 0, delta: { content: 'x' }, finish_reason: null }] });

    expect(normalizeAzureChunk(plain, undefined)).toBe(plain);
  });

  it('drops frames that carry only annotations', () => {
    expect(normalizeAzureChunk(chunk({ id: '', usage: null }), undefined)).toBeUndefined();
    const annotation = { index: 0, finish_reason: null } as unknown as ChatChunk['choices'][number];
    expect(normalizeAzureChunk(chunk({ choices: [annotation] }), undefined)).toBeUndefined();
  });
});
