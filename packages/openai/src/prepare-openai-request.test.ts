import type { ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { prepareOpenAIChatBody, withOpenAIStreaming } from './prepare-openai-request.js';

const weatherTool = loadJsonFixture<ChatRequest>('chat-tool-call.request.json').tools![0]!;

function withExtras(): ChatRequest {
  return {
    model: 'gpt-4o-mini',
    messages: [
      { role: 'system', content: 'You are terse.', cache_control: { type: 'ephemeral' } },
      { role: 'user', content: 'What is the weather like in Boston today?' },
      {
        role: 'assistant',
        content: null,
        reasoning_content: 'The user wants the weather; call the tool.',
        thinking_blocks: [{ type: 'thinking', thinking: 'call the tool', signature: 'c2ln' }],
        tool_calls: [
          {
            id: 'call_abc123',
            type: 'function',
            function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_abc123', content: '22°C', cache_control: { type: 'ephemeral' } },
    ],
    tools: [{ ...weatherTool, cache_control: { type: 'ephemeral' } }],
    temperature: 0.2,
    vendor_option: { keep: true },
  };
}

describe('prepareOpenAIChatBody', () => {
  it('returns the very same object when there is nothing to remove', () => {
    for (const name of ['chat-completion.request.json', 'chat-tool-call.request.json']) {
      const request = loadJsonFixture<ChatRequest>(name);

      expect(prepareOpenAIChatBody(request)).toBe(request);
    }
  });

  it('removes reasoning text, thinking blocks and cache markers, keeping everything else', () => {
    const request = withExtras();

    const body = prepareOpenAIChatBody(request);

    expect(body).toEqual({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'You are terse.' },
        { role: 'user', content: 'What is the weather like in Boston today?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              id: 'call_abc123',
              type: 'function',
              function: { name: 'get_current_weather', arguments: '{"location":"Boston, MA"}' },
            },
          ],
        },
        { role: 'tool', tool_call_id: 'call_abc123', content: '22°C' },
      ],
      tools: [weatherTool],
      temperature: 0.2,
      vendor_option: { keep: true },
    });
  });

  it('does not change the caller’s request and reuses the parts that had no extras', () => {
    const request = withExtras();
    const before = structuredClone(request);

    const body = prepareOpenAIChatBody(request);

    expect(request).toEqual(before);
    expect(body).not.toBe(request);
    expect(body.messages[1]).toBe(request.messages[1]);
  });

  it('copies only the array that needs cleaning', () => {
    const request: ChatRequest = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi', cache_control: { type: 'ephemeral' } }],
      tools: [weatherTool],
    };
    const toolsOnly: ChatRequest = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Hi' }],
      tools: [{ ...weatherTool, cache_control: { type: 'ephemeral' } }],
    };

    const messagesCleaned = prepareOpenAIChatBody(request);
    const toolsCleaned = prepareOpenAIChatBody(toolsOnly);

    expect(messagesCleaned.messages).toEqual([{ role: 'user', content: 'Hi' }]);
    expect(messagesCleaned.tools).toBe(request.tools);
    expect(toolsCleaned.tools).toEqual([weatherTool]);
    expect(toolsCleaned.messages).toBe(toolsOnly.messages);
  });
});

describe('withOpenAIStreaming', () => {
  const request = loadJsonFixture<ChatRequest>('chat-completion.request.json');
  const streamed = loadJsonFixture<ChatRequest>('chat-stream-include-usage.request.json');

  it('asks for a stream for `stream`, reusing a request that already does', () => {
    expect(withOpenAIStreaming(request, true)).toEqual({ ...request, stream: true });
    expect(withOpenAIStreaming({ ...request, stream: false }, true)).toEqual({ ...request, stream: true });
    expect(withOpenAIStreaming(streamed, true)).toBe(streamed);
  });

  it('drops stream and stream_options for `chat`, reusing a request that has no stream flag', () => {
    const { stream: _stream, stream_options: _streamOptions, ...plain } = streamed;

    expect(withOpenAIStreaming(streamed, false)).toEqual(plain);
    expect(withOpenAIStreaming(request, false)).toBe(request);
  });
});
