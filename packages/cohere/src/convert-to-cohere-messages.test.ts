import { BadRequestError, type ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { convertToCohereMessages } from './convert-to-cohere-messages.js';

const context = { provider: 'cohere', model: 'command-a-03-2025' };
const convert = (messages: ChatMessage[]) => convertToCohereMessages(messages, context);

describe('convertToCohereMessages', () => {
  it('keeps roles and order; developer messages are system messages; names and cache markers go', () => {
    const { messages, documents } = convert([
      { role: 'system', content: 'Be brief.', cache_control: { type: 'ephemeral' } },
      { role: 'user', content: 'Hi', name: 'ada' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'Again' },
    ]);

    expect(messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi' },
      { role: 'assistant', content: 'Hello.' },
      { role: 'system', content: [{ type: 'text', text: 'Answer in French.' }] },
      { role: 'user', content: 'Again' },
    ]);
    expect(documents).toEqual([]);
  });

  it('sends http and data URL images as image_url parts, detail kept', () => {
    const { messages } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        ],
      },
    ]);

    expect(messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
      ],
    });
  });

  it('turns text files into citable documents and refuses other files and audio', () => {
    const text = Buffer.from('Lyon sits on the Rhône.').toString('base64');
    const { messages, documents } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Summarise' },
          { type: 'file', file: { file_data: `data:text/markdown;base64,${text}`, filename: 'notes.md' } },
        ],
      },
    ]);

    expect(messages[0]).toEqual({ role: 'user', content: [{ type: 'text', text: 'Summarise' }] });
    expect(documents).toEqual([{ data: { text: 'Lyon sits on the Rhône.', title: 'notes.md' } }]);
    const pdf = { type: 'file' as const, file: { file_data: 'data:application/pdf;base64,JVBERi0=' } };
    expect(() => convert([{ role: 'user', content: [pdf] }])).toThrow(BadRequestError);
    const audio = { type: 'input_audio' as const, input_audio: { data: 'AAAA', format: 'wav' } };
    expect(() => convert([{ role: 'user', content: [audio] }])).toThrow(/audio input/);
  });

  it('round-trips tool calls with their ids; the text before them is the tool plan', () => {
    const { messages } = convert([
      { role: 'user', content: 'Weather in Lyon?' },
      {
        role: 'assistant',
        content: 'Let me check.',
        tool_calls: [
          {
            id: 'get_weather_3kq9v2m7x1pd',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Lyon"}' },
          },
          {
            id: 'get_weather_8wz4t6n0c5hr',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'get_weather_3kq9v2m7x1pd', content: '{"temperature":21}' },
      { role: 'tool', tool_call_id: 'get_weather_8wz4t6n0c5hr', content: [{ type: 'text', text: '4°C' }] },
    ]);

    expect(messages.slice(1)).toEqual([
      {
        role: 'assistant',
        tool_plan: 'Let me check.',
        tool_calls: [
          {
            id: 'get_weather_3kq9v2m7x1pd',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Lyon"}' },
          },
          {
            id: 'get_weather_8wz4t6n0c5hr',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'get_weather_3kq9v2m7x1pd', content: '{"temperature":21}' },
      { role: 'tool', tool_call_id: 'get_weather_8wz4t6n0c5hr', content: [{ type: 'text', text: '4°C' }] },
    ]);
  });

  it('sends reasoning back as a thinking block before the text', () => {
    const { messages } = convert([
      { role: 'user', content: '17 × 3?' },
      { role: 'assistant', content: '51.', reasoning_content: '17 times 3 is 51.' },
    ]);

    expect(messages[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: '17 times 3 is 51.' },
        { type: 'text', text: '51.' },
      ],
    });
  });

  it('leaves out empty assistant turns and refuses legacy function messages', () => {
    expect(
      convert([
        { role: 'user', content: 'Hi' },
        { role: 'assistant', content: null },
      ]).messages,
    ).toHaveLength(1);
    const error = (() => {
      try {
        convert([{ role: 'function', name: 'f', content: '1' }]);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'messages[0].role', provider: 'cohere' });
  });
});
