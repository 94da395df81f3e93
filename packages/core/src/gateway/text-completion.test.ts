import { describe, expect, it } from 'vitest';
import { BadRequestError } from '../errors/error-classes.js';
import { defaultCapabilities, type Provider } from '../provider.js';
import type { ChatChunk } from '../schemas/chat-response.js';
import type { TextCompletion } from '../schemas/text-completion.js';
import { createSwitchyard } from './create-switchyard.js';
import { chatRequestForPrompt, promptsOf, textChunkOf } from './text-completion.js';

/** Answers each chat call with the prompt upper-cased, so prompts and choices can be matched. */
const echo: Provider = {
  id: 'echo',
  capabilities: { ...defaultCapabilities, streamUsage: true },
  async chat(request, options) {
    const prompt = String(request.messages[0]?.content ?? '');
    const n = request.n ?? 1;
    return {
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 7,
      model: options.model,
      choices: Array.from({ length: n }, (_, index) => ({
        index,
        message: { role: 'assistant' as const, content: prompt.toUpperCase() },
        finish_reason: 'stop',
      })),
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    };
  },
  async stream(request) {
    const prompt = String(request.messages[0]?.content ?? '');
    const base = { id: 'chatcmpl-2', object: 'chat.completion.chunk' as const, created: 7, model: 'm' };
    const chunks: ChatChunk[] = [
      { ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: { content: prompt.toUpperCase() }, finish_reason: null }] },
      { ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] },
      { ...base, choices: [], usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } },
    ];
    return (async function* () {
      yield* chunks;
    })();
  },
};

describe('text completions through chat', () => {
  const gateway = createSwitchyard({ providers: [echo] });

  it('answers each prompt as its own chat call, choices indexed prompt by prompt', async () => {
    const result = (await gateway.textCompletion({
      model: 'echo/m',
      prompt: ['ab', 'cd'],
      n: 2,
    })) as TextCompletion;
    expect(result.object).toBe('text_completion');
    expect(result.id).toBe('cmpl-1');
    expect(result.choices.map((choice) => [choice.index, choice.text])).toEqual([
      [0, 'AB'],
      [1, 'AB'],
      [2, 'CD'],
      [3, 'CD'],
    ]);
    expect(result.usage).toEqual({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
  });

  it('streams text chunks, skipping the role-only chunk, usage last when asked', async () => {
    const stream = (await gateway.textCompletion({
      model: 'echo/m',
      prompt: 'hi',
      stream: true,
      stream_options: { include_usage: true },
    })) as AsyncIterable<TextCompletion>;
    const chunks: TextCompletion[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '')).toEqual(['HI', '', '']);
    expect(chunks[1]?.choices[0]?.finish_reason).toBe('stop');
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(5);
  });

  it('refuses what chat cannot honour unless drop_params, and token prompts', async () => {
    await expect(gateway.textCompletion({ model: 'echo/m', prompt: 'x', echo: true })).rejects.toThrow(
      BadRequestError,
    );
    await expect(
      gateway.textCompletion({ model: 'echo/m', prompt: 'x', echo: true, drop_params: true }),
    ).resolves.toBeTruthy();
    expect(() => promptsOf({ model: 'm', prompt: [1, 2, 3] })).toThrow(/Token-id prompts/);
    await expect(
      gateway.textCompletion({ model: 'echo/m', prompt: ['a', 'b'], stream: true }),
    ).rejects.toThrow(/single prompt/);
  });

  it('carries the other fields into the chat request', () => {
    const chat = chatRequestForPrompt(
      { model: 'm', prompt: 'p', max_tokens: 5, stop: ['x'], suffix: null },
      'p',
    );
    expect(chat).toEqual({
      model: 'm',
      messages: [{ role: 'user', content: 'p' }],
      max_tokens: 5,
      stop: ['x'],
    });
    expect(
      textChunkOf({ id: 'chatcmpl-9', object: 'chat.completion.chunk', created: 1, model: 'm', choices: [] })
        .id,
    ).toBe('cmpl-9');
  });
});
