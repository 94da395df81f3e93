import { chatRequestSchema } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { fixtureJson } from './__fixtures__/load-fixture.js';
import { anthropicMessagesRequestSchema } from './anthropic-messages-request.js';
import {
  convertAnthropicRequest,
  convertToolChoice,
  reasoningEffortFor,
} from './convert-anthropic-request.js';

function convert(name: string) {
  const request = anthropicMessagesRequestSchema.parse(fixtureJson(name));
  const chat = convertAnthropicRequest(request);
  // Whatever we build must be a valid canonical request.
  expect(chatRequestSchema.safeParse(chat).success).toBe(true);
  return chat;
}

describe('convertAnthropicRequest', () => {
  it('translates the basic example', () => {
    expect(convert('messages.request.json')).toEqual({
      model: 'claude-sonnet-4-5',
      max_tokens: 1024,
      messages: [{ role: 'user', content: 'Hello, Claude' }],
    });
  });

  it('translates tools, tool choice and the system prompt', () => {
    const chat = convert('messages-tool-use.request.json');
    expect(chat.messages[0]).toEqual({ role: 'system', content: 'You are a helpful weather assistant.' });
    expect(chat.tools).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Get the current weather in a given location',
          parameters: expect.objectContaining({ type: 'object', required: ['location'] }),
        },
      },
    ]);
    expect(chat.tool_choice).toBe('auto');
    expect(chat.parallel_tool_calls).toBe(false);
  });

  it('turns tool_use into tool calls and tool_result into a tool message before the rest of the turn', () => {
    const chat = convert('messages-tool-result.request.json');
    expect(chat.messages).toEqual([
      { role: 'user', content: "What's the weather like in San Francisco?" },
      {
        role: 'assistant',
        content: "I'll check the current weather in San Francisco for you.",
        tool_calls: [
          {
            id: 'toolu_01A09q90qw90lq917835lq9',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"location":"San Francisco, CA","unit":"celsius"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'toolu_01A09q90qw90lq917835lq9', content: '15 degrees' },
      { role: 'user', content: 'What should I wear?' },
    ]);
  });

  it('turns base64 images into data URLs and keeps URL images', () => {
    const chat = convert('messages-image.request.json');
    const content = chat.messages[0]?.content as Array<Record<string, unknown>>;
    expect(content.map((part) => part.type)).toEqual(['text', 'image_url', 'text', 'image_url', 'text']);
    expect(content[1]).toEqual({
      type: 'image_url',
      image_url: { url: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo/) },
    });
    expect(content[3]).toEqual({
      type: 'image_url',
      image_url: {
        url: 'https://upload.wikimedia.org/wikipedia/commons/a/a7/Camponotus_flavomarginatus_ant.jpg',
      },
    });
  });

  it('maps thinking, metadata, stop sequences and top_k, and keeps signed thinking blocks', () => {
    const chat = convert('messages-thinking.request.json');
    expect(chat).toMatchObject({
      reasoning_effort: 'high',
      user: '13803d75-b4b5-4c3e-b2a2-6f21399b021b',
      stop: ['\n\nHuman:'],
      temperature: 1,
      top_k: 40,
      max_tokens: 16000,
    });
    expect(chat).not.toHaveProperty('thinking');
    expect(chat.messages[0]).toEqual({
      role: 'system',
      content: [
        {
          type: 'text',
          text: 'You are an AI assistant tasked with analyzing literary works.',
          cache_control: { type: 'ephemeral' },
        },
      ],
    });
    expect(chat.messages[2]).toMatchObject({
      role: 'assistant',
      content: 'Yes, there are infinitely many such primes.',
      reasoning_content: 'Let me analyze this step by step...',
      thinking_blocks: [
        { type: 'thinking', signature: expect.stringMatching(/^WaUj/) },
        { type: 'redacted_thinking', data: expect.stringMatching(/^EmwK/) },
      ],
    });
  });

  it('asks a stream for usage', () => {
    const request = anthropicMessagesRequestSchema.parse({
      ...fixtureJson('messages.request.json'),
      stream: true,
    });
    expect(convertAnthropicRequest(request)).toMatchObject({
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it('marks a failed tool result in its text and moves tool result images to the user turn', () => {
    const request = anthropicMessagesRequestSchema.parse({
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [
            {
              type: 'tool_result',
              tool_use_id: 'toolu_1',
              is_error: true,
              content: [
                { type: 'text', text: 'camera offline' },
                { type: 'image', source: { type: 'url', url: 'https://example.com/last.png' } },
              ],
            },
          ],
        },
      ],
    });
    expect(convertAnthropicRequest(request).messages).toEqual([
      { role: 'tool', tool_call_id: 'toolu_1', content: 'Error: camera offline' },
      { role: 'user', content: [{ type: 'image_url', image_url: { url: 'https://example.com/last.png' } }] },
    ]);
  });
});

describe('convertToolChoice', () => {
  it('maps every kind', () => {
    expect(convertToolChoice({ type: 'auto' })).toBe('auto');
    expect(convertToolChoice({ type: 'any' })).toBe('required');
    expect(convertToolChoice({ type: 'none' })).toBe('none');
    expect(convertToolChoice({ type: 'tool', name: 'get_weather' })).toEqual({
      type: 'function',
      function: { name: 'get_weather' },
    });
  });
});

describe('reasoningEffortFor', () => {
  it('picks the largest effort whose budget fits', () => {
    expect(reasoningEffortFor({ type: 'enabled', budget_tokens: 1024 })).toBe('low');
    expect(reasoningEffortFor({ type: 'enabled', budget_tokens: 2048 })).toBe('medium');
    expect(reasoningEffortFor({ type: 'enabled', budget_tokens: 4096 })).toBe('high');
    expect(reasoningEffortFor({ type: 'adaptive' })).toBe('medium');
    expect(reasoningEffortFor({ type: 'disabled' })).toBeUndefined();
  });
});

describe('anthropicMessagesRequestSchema', () => {
  it('names the field at fault', () => {
    const result = anthropicMessagesRequestSchema.safeParse({
      model: 'm',
      max_tokens: 10,
      messages: [
        {
          role: 'user',
          content: [{ type: 'image', source: { type: 'base64', media_type: 'image/bmp', data: 'x' } }],
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['messages', 0, 'content', 0, 'source', 'media_type']);
  });

  it('requires max_tokens and keeps unknown fields', () => {
    expect(
      anthropicMessagesRequestSchema.safeParse({ model: 'm', messages: [{ role: 'user', content: 'x' }] })
        .success,
    ).toBe(false);
    const parsed = anthropicMessagesRequestSchema.parse({
      ...fixtureJson('messages.request.json'),
      service_tier: 'auto',
    });
    expect(parsed.service_tier).toBe('auto');
  });
});
