import { type ChatChunk, type ChatChunkDelta, decodeSse } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { fixtureText } from './__fixtures__/load-fixture.js';
import type { AnthropicStreamEvent } from './anthropic-message-types.js';
import { createAnthropicEventTranslator } from './chat-stream-to-anthropic-events.js';

function chunk(delta: ChatChunkDelta, finish: string | null = null): ChatChunk {
  return {
    id: 'chatcmpl-xyz',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'gpt-4o-mini',
    choices: [{ index: 0, delta, finish_reason: finish }],
  };
}

function translate(chunks: ChatChunk[]): AnthropicStreamEvent[] {
  const translator = createAnthropicEventTranslator({ model: 'requested', newId: () => 'id' });
  return [...chunks.flatMap((item) => translator.translate(item)), ...translator.finish()];
}

async function fixtureEvents(name: string): Promise<string[]> {
  const names: string[] = [];
  async function* source() {
    yield new TextEncoder().encode(fixtureText(name));
  }
  for await (const event of decodeSse(source())) names.push(event.event ?? 'message');
  return names;
}

/** `content_block_start` and `stop` name an index; deltas too. */
function shape(events: AnthropicStreamEvent[]): string[] {
  return events.map((item) =>
    'index' in item.data ? `${item.event}:${String(item.data.index)}` : item.event,
  );
}

describe('createAnthropicEventTranslator', () => {
  it("streams text then tool calls in the order of Anthropic's tool use transcript", async () => {
    const events = translate([
      chunk({ role: 'assistant', content: '' }),
      chunk({ content: "Okay, let's check the weather for San Francisco, CA:" }),
      chunk({
        tool_calls: [
          { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: '{"location":' } }] }),
      chunk({ tool_calls: [{ index: 0, function: { arguments: ' "San Francisco, CA"}' } }] }),
      chunk({
        tool_calls: [
          { index: 1, id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '{}' } },
        ],
      }),
      chunk({}, 'tool_calls'),
      { ...chunk({}), choices: [], usage: { prompt_tokens: 472, completion_tokens: 89, total_tokens: 561 } },
    ]);
    const recorded = (await fixtureEvents('messages-stream-tool-use.sse')).filter((name) => name !== 'ping');
    const ours = events.map((item) => item.event).filter((name) => name !== 'ping');
    // Same sequence of event kinds, up to the number of argument fragments.
    const collapse = (names: string[]) => names.filter((name, index) => name !== names[index - 1]);
    expect(collapse(ours)).toEqual(collapse(recorded));
    expect(shape(events)).toEqual([
      'message_start',
      'ping',
      'content_block_start:0',
      'content_block_delta:0',
      'content_block_stop:0',
      'content_block_start:1',
      'content_block_delta:1',
      'content_block_delta:1',
      'content_block_stop:1',
      'content_block_start:2',
      'content_block_delta:2',
      'content_block_stop:2',
      'message_delta',
      'message_stop',
    ]);
    expect(events[0]?.data).toMatchObject({
      type: 'message_start',
      message: {
        id: 'msg_xyz',
        type: 'message',
        role: 'assistant',
        model: 'gpt-4o-mini',
        content: [],
        stop_reason: null,
      },
    });
    expect(events[5]?.data).toEqual({
      type: 'content_block_start',
      index: 1,
      content_block: { type: 'tool_use', id: 'call_1', name: 'get_weather', input: {} },
    });
    expect(events[6]?.data).toEqual({
      type: 'content_block_delta',
      index: 1,
      delta: { type: 'input_json_delta', partial_json: '{"location":' },
    });
    expect(events.at(-2)?.data).toEqual({
      type: 'message_delta',
      delta: { stop_reason: 'tool_use', stop_sequence: null },
      usage: {
        input_tokens: 472,
        output_tokens: 89,
        cache_read_input_tokens: 0,
        cache_creation_input_tokens: 0,
      },
    });
  });

  it('streams reasoning as a thinking block with its signature before the text', () => {
    const events = translate([
      chunk({ role: 'assistant', content: '' }),
      chunk({ reasoning_content: 'Let me ' }),
      chunk({ reasoning_content: 'think.' }),
      chunk({
        thinking_blocks: [{ type: 'thinking', thinking: 'Let me think.', signature: 'sig' }],
      } as ChatChunkDelta),
      chunk({ content: 'Yes.' }),
      chunk({}, 'stop'),
    ]);
    expect(events.slice(2).map((item) => item.data)).toEqual([
      {
        type: 'content_block_start',
        index: 0,
        content_block: { type: 'thinking', thinking: '', signature: '' },
      },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'Let me ' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'thinking_delta', thinking: 'think.' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'signature_delta', signature: 'sig' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'content_block_start', index: 1, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 1, delta: { type: 'text_delta', text: 'Yes.' } },
      { type: 'content_block_stop', index: 1 },
      {
        type: 'message_delta',
        delta: { stop_reason: 'end_turn', stop_sequence: null },
        usage: {
          input_tokens: 0,
          output_tokens: 0,
          cache_read_input_tokens: 0,
          cache_creation_input_tokens: 0,
        },
      },
      { type: 'message_stop' },
    ]);
  });

  it('sends a signed block that arrives whole with its text, and a redacted block on its own', () => {
    const events = translate([
      chunk({
        thinking_blocks: [
          { type: 'thinking', thinking: 'Hmm.', signature: 'sig' },
          { type: 'redacted_thinking', data: 'opaque' },
        ],
      } as ChatChunkDelta),
      chunk({ content: 'Done.' }, 'stop'),
    ]);
    expect(shape(events).slice(2, -2)).toEqual([
      'content_block_start:0',
      'content_block_delta:0',
      'content_block_delta:0',
      'content_block_stop:0',
      'content_block_start:1',
      'content_block_stop:1',
      'content_block_start:2',
      'content_block_delta:2',
      'content_block_stop:2',
    ]);
    expect(events[3]?.data.delta).toEqual({ type: 'thinking_delta', thinking: 'Hmm.' });
    expect(events[6]?.data.content_block).toEqual({ type: 'redacted_thinking', data: 'opaque' });
  });

  it('still frames an empty stream as a whole message', () => {
    expect(translate([]).map((item) => item.event)).toEqual([
      'message_start',
      'ping',
      'message_delta',
      'message_stop',
    ]);
  });
});
