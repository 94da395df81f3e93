import { BadRequestError, type ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { convertToMistralMessages, toolResultsAcknowledgement } from './convert-to-mistral-messages.js';
import { toMistralToolCallId } from './mistral-tool-call-id.js';

const context = { provider: 'mistral', model: 'mistral-small-latest' };
const convert = (messages: ChatMessage[]) => convertToMistralMessages(messages, context);

describe('convertToMistralMessages', () => {
  it('sends system and developer messages as system, without names or cache markers', () => {
    expect(
      convert([
        { role: 'system', content: 'Be brief.', name: 'policy', cache_control: { type: 'ephemeral' } },
        { role: 'developer', content: [{ type: 'text', text: 'Use metric units.' }] },
        { role: 'user', content: 'Hi', name: 'ann' },
      ]),
    ).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'system', content: [{ type: 'text', text: 'Use metric units.' }] },
      { role: 'user', content: 'Hi' },
    ]);
  });

  it('sends images as image_url strings (http and data URLs), an object only to carry detail', () => {
    const [message] = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image_url', image_url: { url: 'https://example.com/a.png' } },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
        ],
      },
    ]);

    expect(message).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'Compare' },
        { type: 'image_url', image_url: 'https://example.com/a.png' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=', detail: 'high' } },
      ],
    });
  });

  it('sends files as document_url (inline), file (uploaded) or image_url (inline images), audio as input_audio', () => {
    const [message] = convert([
      {
        role: 'user',
        content: [
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0x', filename: 'a.pdf' } },
          { type: 'file', file: { file_data: 'JVBERi0x' } },
          { type: 'file', file: { file_id: '3b6d1f2e-uploaded' } },
          { type: 'file', file: { file_data: 'data:image/jpeg;base64,/9j/4AAQ' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
        ],
      },
    ]);

    expect(message?.content).toEqual([
      { type: 'document_url', document_url: 'data:application/pdf;base64,JVBERi0x', document_name: 'a.pdf' },
      { type: 'document_url', document_url: 'data:application/pdf;base64,JVBERi0x' },
      { type: 'file', file_id: '3b6d1f2e-uploaded' },
      { type: 'image_url', image_url: 'data:image/jpeg;base64,/9j/4AAQ' },
      { type: 'input_audio', input_audio: 'UklGRg==' },
    ]);
  });

  it('refuses a file part with neither file_id nor file_data', () => {
    expect(() =>
      convert([{ role: 'user', content: [{ type: 'file', file: { filename: 'x.pdf' } }] }]),
    ).toThrow(BadRequestError);
  });

  it('round-trips tool calls and results with ids Mistral accepts, the same on both sides', () => {
    const converted = convert([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: '',
        tool_calls: [
          {
            id: 'call_abc123',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Paris"}' },
          },
          {
            id: 'D681PevKs',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: 'call_abc123', content: '21' },
      { role: 'tool', tool_call_id: 'D681PevKs', content: [{ type: 'text', text: '25' }] },
    ]);
    const mapped = toMistralToolCallId('call_abc123');

    expect(converted.slice(1)).toEqual([
      {
        role: 'assistant',
        tool_calls: [
          { id: mapped, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          {
            id: 'D681PevKs',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Rome"}' },
          },
        ],
      },
      { role: 'tool', tool_call_id: mapped, content: '21' },
      { role: 'tool', tool_call_id: 'D681PevKs', content: [{ type: 'text', text: '25' }] },
    ]);
  });

  it('sends reasoning back as a thinking chunk before the text', () => {
    const converted = convert([
      { role: 'user', content: '17 * 23?' },
      { role: 'assistant', content: '391', reasoning_content: '17 * 20 + 17 * 3' },
      { role: 'user', content: 'Thanks' },
    ]);

    expect(converted[1]).toEqual({
      role: 'assistant',
      content: [
        { type: 'thinking', thinking: [{ type: 'text', text: '17 * 20 + 17 * 3' }] },
        { type: 'text', text: '391' },
      ],
    });
  });

  it('leaves out assistant messages with nothing in them (Mistral refuses them)', () => {
    expect(
      convert([
        { role: 'user', content: 'a' },
        { role: 'assistant', content: '' },
        { role: 'user', content: 'b' },
      ]),
    ).toEqual([
      { role: 'user', content: 'a' },
      { role: 'user', content: 'b' },
    ]);
  });

  it('puts an assistant turn between a tool result and a user message', () => {
    const converted = convert([
      { role: 'user', content: 'Weather?' },
      {
        role: 'assistant',
        tool_calls: [{ id: 'abcDEF123', type: 'function', function: { name: 'w', arguments: '{}' } }],
      },
      { role: 'tool', tool_call_id: 'abcDEF123', content: '21' },
      { role: 'user', content: 'And tomorrow?' },
    ]);

    expect(converted.map((message) => message.role)).toEqual([
      'user',
      'assistant',
      'tool',
      'assistant',
      'user',
    ]);
    expect(converted[3]).toEqual({ role: 'assistant', content: toolResultsAcknowledgement });
  });

  it('sends a trailing assistant message as a prefix for the model to continue', () => {
    expect(
      convert([
        { role: 'user', content: 'Count' },
        { role: 'assistant', content: 'One, two,' },
      ]).at(-1),
    ).toEqual({
      role: 'assistant',
      content: 'One, two,',
      prefix: true,
    });
  });

  it('sends legacy function results as tool messages with their name', () => {
    expect(convert([{ role: 'function', name: 'now', content: '12:00' }])).toEqual([
      { role: 'tool', name: 'now', content: '12:00' },
    ]);
  });
});
