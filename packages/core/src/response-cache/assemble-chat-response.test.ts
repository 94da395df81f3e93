import { describe, expect, it } from 'vitest';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import { assembleChatResponse } from './assemble-chat-response.js';
import { replayChatStream } from './replay-chat-stream.js';

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk' as const, created: 7, model: 'gpt-x' };
const chunk = (choices: ChatChunk['choices'], extra: Partial<ChatChunk> = {}): ChatChunk => ({
  ...base,
  choices,
  ...extra,
});

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

describe('assembleChatResponse', () => {
  it('joins text, reasoning and tool-call arguments per choice, keeping the last finish reason', () => {
    const chunks: ChatChunk[] = [
      chunk([{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }], {
        system_fingerprint: 'fp',
      }),
      chunk([{ index: 0, delta: { reasoning_content: 'think ' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { reasoning_content: 'more' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'Hel' }, finish_reason: null }]),
      chunk([{ index: 1, delta: { role: 'assistant', content: 'Other' }, finish_reason: null }]),
      chunk([{ index: 0, delta: { content: 'lo' }, finish_reason: null }]),
      chunk([
        {
          index: 0,
          delta: {
            tool_calls: [
              { index: 0, id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a"' } },
            ],
          },
          finish_reason: null,
        },
      ]),
      chunk([
        {
          index: 0,
          delta: { tool_calls: [{ index: 0, function: { arguments: ':1}' } }] },
          finish_reason: null,
        },
      ]),
      chunk([{ index: 0, delta: {}, finish_reason: 'tool_calls' }]),
      chunk([{ index: 1, delta: {}, finish_reason: 'stop' }]),
      chunk([], { usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 } }),
    ];
    expect(assembleChatResponse(chunks)).toEqual({
      id: 'chatcmpl-1',
      object: 'chat.completion',
      created: 7,
      model: 'gpt-x',
      system_fingerprint: 'fp',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Hello',
            reasoning_content: 'think more',
            tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get', arguments: '{"a":1}' } }],
          },
          finish_reason: 'tool_calls',
        },
        { index: 1, message: { role: 'assistant', content: 'Other' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 },
    });
  });

  it('takes usage captured elsewhere, and keeps thinking blocks and unknown delta fields', () => {
    const usage = { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 };
    const response = assembleChatResponse(
      [
        chunk([
          {
            index: 0,
            delta: {
              role: 'assistant',
              thinking_blocks: [{ type: 'thinking', thinking: 'x', signature: 's' }],
            },
            finish_reason: null,
          },
        ]),
        chunk([{ index: 0, delta: { annotations: [{ type: 'url' }] }, finish_reason: null }]),
        chunk([{ index: 0, delta: { content: 'ok' }, finish_reason: 'stop' }]),
      ],
      usage,
    );
    expect(response.usage).toEqual(usage);
    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'ok',
      thinking_blocks: [{ type: 'thinking', thinking: 'x', signature: 's' }],
      annotations: [{ type: 'url' }],
    });
  });

  it('round-trips through a replayed stream', async () => {
    const response: ChatResponse = {
      id: 'chatcmpl-2',
      object: 'chat.completion',
      created: 9,
      model: 'gpt-y',
      service_tier: 'default',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: null,
            reasoning_content: 'because',
            tool_calls: [
              { id: 'a', type: 'function', function: { name: 'f', arguments: '{}' } },
              { id: 'b', type: 'function', function: { name: 'g', arguments: '{"x":2}' } },
            ],
          },
          finish_reason: 'tool_calls',
        },
        { index: 1, message: { role: 'assistant', content: 'text', refusal: 'no' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 },
    };
    const chunks = await collect(replayChatStream(response, true));
    expect(chunks.every((item) => item.object === 'chat.completion.chunk' && item.id === 'chatcmpl-2')).toBe(
      true,
    );
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: response.usage });
    expect(assembleChatResponse(chunks)).toEqual(response);
  });

  it('replays without the usage chunk unless asked, and ends every choice with its finish reason', async () => {
    const response: ChatResponse = {
      id: 'c',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'hi' }, finish_reason: 'length' }],
      usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
    };
    const chunks = await collect(replayChatStream(response, false));
    expect(chunks.map((item) => item.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'hi' },
      {},
    ]);
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('length');
    expect(chunks.some((item) => item.usage)).toBe(false);
  });
});
