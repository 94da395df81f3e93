import { BadRequestError, type ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { bedrockToolUseId, convertToBedrockMessages } from './convert-to-bedrock-messages.js';

const context = { provider: 'bedrock', model: 'anthropic.claude-3-7-sonnet-20250219-v1:0' };

describe('convertToBedrockMessages', () => {
  it('moves system and developer messages to the system slot, with cache points where marked', () => {
    const prompt = convertToBedrockMessages(
      [
        { role: 'system', content: 'You are terse.', cache_control: { type: 'ephemeral' } },
        { role: 'user', content: 'Hi' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      ],
      context,
    );

    expect(prompt).toEqual({
      system: [
        { text: 'You are terse.' },
        { cachePoint: { type: 'default' } },
        { text: 'Answer in French.' },
      ],
      messages: [{ role: 'user', content: [{ text: 'Hi' }] }],
    });
  });

  it('round-trips tool calls and results by id, merging consecutive turns so roles alternate', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'Weather in Paris and Tokyo?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          {
            id: 'call_1',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          { id: 'call_2', type: 'function', function: { name: 'get_weather', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: 'call_1', content: '21C' },
      {
        role: 'tool',
        tool_call_id: 'call_2',
        content: [{ type: 'text', text: '18C' }],
        cache_control: { type: 'ephemeral' },
      },
      { role: 'user', content: 'Thanks! Which is warmer?' },
    ];

    expect(convertToBedrockMessages(messages, context).messages).toEqual([
      { role: 'user', content: [{ text: 'Weather in Paris and Tokyo?' }] },
      {
        role: 'assistant',
        content: [
          { text: 'Checking.' },
          { toolUse: { toolUseId: 'call_1', name: 'get_weather', input: { city: 'Paris' } } },
          { toolUse: { toolUseId: 'call_2', name: 'get_weather', input: {} } },
        ],
      },
      {
        role: 'user',
        content: [
          { toolResult: { toolUseId: 'call_1', content: [{ text: '21C' }] } },
          { toolResult: { toolUseId: 'call_2', content: [{ text: '18C' }] } },
          { cachePoint: { type: 'default' } },
          { text: 'Thanks! Which is warmer?' },
        ],
      },
    ]);
  });

  it('sends signed thinking blocks back first, and leaves unsigned reasoning text out', () => {
    const prompt = convertToBedrockMessages(
      [
        { role: 'user', content: 'Count the r’s' },
        {
          role: 'assistant',
          content: 'Three.',
          reasoning_content: 'r, r, r',
          thinking_blocks: [
            { type: 'thinking', thinking: 'r, r, r', signature: 'sig-1' },
            { type: 'redacted_thinking', data: 'b3BhcXVl' },
            { type: 'thinking', thinking: 'unsigned' },
          ],
        },
        { role: 'assistant', content: 'Anything else?', reasoning_content: 'no blocks' },
      ],
      context,
    );

    expect(prompt.messages[1]).toEqual({
      role: 'assistant',
      content: [
        { reasoningContent: { reasoningText: { text: 'r, r, r', signature: 'sig-1' } } },
        { reasoningContent: { redactedContent: 'b3BhcXVl' } },
        { text: 'Three.' },
        { text: 'Anything else?' },
      ],
    });
  });

  it('drops empty turns and keeps tool ids in Converse’s alphabet on both sides', () => {
    const prompt = convertToBedrockMessages(
      [
        { role: 'user', content: 'Go' },
        { role: 'assistant', content: '' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: 'call:1.a', type: 'function', function: { name: 'f', arguments: '{}' } }],
        },
        { role: 'tool', tool_call_id: 'call:1.a', content: 'done' },
      ],
      context,
    );

    expect(prompt.messages.map((message) => message.role)).toEqual(['user', 'assistant', 'user']);
    expect(prompt.messages[1]?.content[0]).toMatchObject({ toolUse: { toolUseId: 'call_1_a' } });
    expect(prompt.messages[2]?.content[0]).toMatchObject({ toolResult: { toolUseId: 'call_1_a' } });
    expect(bedrockToolUseId('x'.repeat(80))).toHaveLength(64);
  });

  it('refuses arguments that are not JSON and legacy function messages, naming them', () => {
    const badArguments: ChatMessage[] = [
      { role: 'user', content: 'Go' },
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'c', type: 'function', function: { name: 'f', arguments: '{oops' } }],
      },
    ];

    expect(() => convertToBedrockMessages(badArguments, context)).toThrow(BadRequestError);
    expect(() => convertToBedrockMessages(badArguments, context)).toThrow(
      'messages[1].tool_calls[0].function.arguments',
    );
    expect(() => convertToBedrockMessages([{ role: 'function', name: 'f', content: 'x' }], context)).toThrow(
      '"function" messages',
    );
  });
});
