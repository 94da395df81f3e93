import {
  AbortedError,
  BadRequestError,
  type ChatChunk,
  type ChatRequest,
  chatChunkSchema,
  chatResponseSchema,
  isProvider,
  NotFoundError,
  type ProviderCallOptions,
  SwitchyardError,
} from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { createEchoProvider, echo } from './echo-provider.js';

const provider = createEchoProvider({ now: () => 1_700_000_000_000, generateId: () => 'chatcmpl-echo-test' });
const options: ProviderCallOptions = { model: 'reverse' };
const request: ChatRequest = {
  model: 'reverse',
  messages: [
    { role: 'system', content: 'Be helpful.' },
    { role: 'user', content: 'Hello, world' },
  ],
};

async function collect(chunks: AsyncIterable<ChatChunk>): Promise<ChatChunk[]> {
  const out: ChatChunk[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

function text(chunks: readonly ChatChunk[]): string {
  return chunks.map((chunk) => chunk.choices[0]?.delta.content ?? '').join('');
}

describe('createEchoProvider', () => {
  it('has the Provider shape and declares its capabilities', () => {
    expect(isProvider(echo)).toBe(true);
    expect(echo.id).toBe('echo');
    expect(echo.capabilities).toEqual({
      chat: true,
      stream: true,
      embeddings: false,
      tools: false,
      vision: false,
      jsonSchema: false,
      streamUsage: true,
    });
    expect(createEchoProvider({ id: 'parrot' }).id).toBe('parrot');
  });

  it('answers with the last user message reversed, as an OpenAI chat.completion', async () => {
    const response = await provider.chat(request, options);
    expect(chatResponseSchema.safeParse(response).success).toBe(true);
    expect(response).toMatchObject({
      id: 'chatcmpl-echo-test',
      object: 'chat.completion',
      created: 1_700_000_000,
      model: 'reverse',
      choices: [{ index: 0, message: { role: 'assistant', content: 'dlrow ,olleH' }, finish_reason: 'stop' }],
      // "Be helpful.\nHello, world" is 24 characters: 6 tokens; "dlrow ,olleH" is 12: 3 tokens.
      usage: { prompt_tokens: 6, completion_tokens: 3, total_tokens: 9 },
    });
  });

  it('transforms according to the model', async () => {
    const upper = await provider.chat(request, { model: 'upper' });
    const repeat = await provider.chat(request, { model: 'repeat' });
    expect(upper.choices[0]?.message.content).toBe('HELLO, WORLD');
    expect(repeat.choices[0]?.message.content).toBe('Hello, world');
  });

  it('streams the same answer in OpenAI chunks, with a usage chunk only when asked', async () => {
    const plain = await collect(await provider.stream({ ...request, stream: true }, options));
    expect(plain.every((chunk) => chatChunkSchema.safeParse(chunk).success)).toBe(true);
    expect(text(plain)).toBe('dlrow ,olleH');
    expect(plain.at(-1)?.choices[0]?.finish_reason).toBe('stop');
    expect(plain.some((chunk) => 'usage' in chunk)).toBe(false);

    const withUsage = await collect(
      await provider.stream({ ...request, stream: true, stream_options: { include_usage: true } }, options),
    );
    expect(text(withUsage)).toBe('dlrow ,olleH');
    expect(withUsage.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 6, completion_tokens: 3, total_tokens: 9 },
    });
  });

  it('rejects an unknown model with NotFoundError before any output', async () => {
    const failure = provider.stream(request, { model: 'gpt-4o' });
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
      message: 'The echo provider has no model "gpt-4o"; use one of echo/reverse, echo/upper, echo/repeat',
    });
  });

  it('rejects a conversation without a user message with BadRequestError', async () => {
    const failure = provider.chat(
      { model: 'reverse', messages: [{ role: 'system', content: 'hi' }] },
      options,
    );
    await expect(failure).rejects.toBeInstanceOf(BadRequestError);
    await expect(failure).rejects.toMatchObject({ status: 400, param: 'messages' });
  });

  it('does not answer a call whose signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(provider.chat(request, { ...options, signal: controller.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
    await expect(provider.stream(request, { ...options, signal: controller.signal })).rejects.toBeInstanceOf(
      AbortedError,
    );
  });

  it('stops a stream at the next chunk once the signal is aborted', async () => {
    const controller = new AbortController();
    const chunks = await provider.stream(
      { ...request, messages: [{ role: 'user', content: 'one two three four' }] },
      { ...options, signal: controller.signal },
    );
    const iterator = chunks[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    controller.abort();
    const failure = iterator.next();
    await expect(failure).rejects.toBeInstanceOf(AbortedError);
    await expect(failure.catch((error: unknown) => SwitchyardError.isInstance(error))).resolves.toBe(true);
    expect((await iterator.next()).done).toBe(true);
  });
});
