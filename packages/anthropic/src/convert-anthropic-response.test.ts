import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import type { AnthropicMessagesResponse } from './anthropic-api-types.js';
import { convertAnthropicResponse } from './convert-anthropic-response.js';

const fixture = (name: string) => loadJsonFixture<AnthropicMessagesResponse>(name);
const created = 1_760_000_000;

describe('convertAnthropicResponse', () => {
  it('converts a text answer to a chat completion', () => {
    expect(convertAnthropicResponse(fixture('messages.response.json'), { created })).toEqual({
      id: 'msg_013Zva2CMHLNnXjNJJKqJ2EF',
      object: 'chat.completion',
      created,
      model: 'claude-sonnet-4-5-20250929',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: 'Hi! My name is Claude.' },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 2095,
        completion_tokens: 503,
        total_tokens: 2598,
        prompt_tokens_details: { cached_tokens: 0, cache_creation_tokens: 0 },
      },
    });
  });

  it('converts tool_use blocks to tool calls with JSON arguments', () => {
    const response = convertAnthropicResponse(fixture('messages-tool-use.response.json'), { created });

    expect(response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: "I'll check the current weather in San Francisco for you.",
        tool_calls: [
          {
            id: 'toolu_01A09q90qw90lq917835lq9',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
          },
        ],
      },
    });
  });

  it('keeps thinking as reasoning_content and as thinking_blocks with their signatures', () => {
    const response = convertAnthropicResponse(fixture('messages-thinking.response.json'), { created });

    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Yes, there are infinitely many prime numbers such that...',
      reasoning_content: "To approach this, let's think about what we know about prime numbers...",
      thinking_blocks: [
        {
          type: 'thinking',
          thinking: "To approach this, let's think about what we know about prime numbers...",
          signature: 'WaUjzkypQ2mUEVM36O2TxuC06KN8xyfbJwyem2dw3URve/op91XWHOEBLLqIOMfFG/UvLEczmEsUjavL....',
        },
        {
          type: 'redacted_thinking',
          data: 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP...',
        },
      ],
    });
    expect(response.usage).toEqual({
      prompt_tokens: 4240,
      completion_tokens: 640,
      total_tokens: 4880,
      prompt_tokens_details: { cached_tokens: 3000, cache_creation_tokens: 1200 },
      completion_tokens_details: { reasoning_tokens: 512 },
    });
  });

  it('returns the JSON tool’s input as the content, finishing with stop', () => {
    const message: AnthropicMessagesResponse = {
      ...fixture('messages.response.json'),
      content: [{ type: 'tool_use', id: 'toolu_1', name: 'json_tool_call', input: { answer: '42' } }],
      stop_reason: 'tool_use',
    };

    const response = convertAnthropicResponse(message, { created, jsonToolName: 'json_tool_call' });

    expect(response.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { role: 'assistant', content: '{"answer":"42"}' },
    });
    expect(response.choices[0]?.message).not.toHaveProperty('tool_calls');
  });

  it('answers a refusal with content_filter and no content', () => {
    const message: AnthropicMessagesResponse = {
      ...fixture('messages.response.json'),
      content: [],
      stop_reason: 'refusal',
    };

    expect(convertAnthropicResponse(message, { created }).choices[0]).toMatchObject({
      finish_reason: 'content_filter',
      message: { role: 'assistant', content: null },
    });
  });

  it('leaves out blocks with no OpenAI equivalent', () => {
    const message: AnthropicMessagesResponse = {
      ...fixture('messages.response.json'),
      content: [
        { type: 'server_tool_use', id: 'srvtoolu_1', name: 'web_search', input: { query: 'x' } },
        { type: 'web_search_tool_result', tool_use_id: 'srvtoolu_1', content: [] },
        { type: 'text', text: 'Found it.' },
      ],
    };

    expect(convertAnthropicResponse(message, { created }).choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Found it.',
    });
  });
});
