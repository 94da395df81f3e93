import { BadRequestError, type ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { convertToGeminiMessages } from './convert-to-gemini-messages.js';
import { makeToolCallId } from './gemini-tool-call-id.js';

const context = { provider: 'gemini', model: 'gemini-2.0-flash' };
const convert = (messages: ChatMessage[]) => convertToGeminiMessages(messages, context);

describe('convertToGeminiMessages', () => {
  it('moves system and developer messages to the system instruction', () => {
    expect(
      convert([
        { role: 'system', content: 'Be brief.' },
        { role: 'developer', content: [{ type: 'text', text: 'Answer in French.' }] },
        { role: 'user', content: 'Hello' },
      ]),
    ).toEqual({
      systemInstruction: { parts: [{ text: 'Be brief.' }, { text: 'Answer in French.' }] },
      contents: [{ role: 'user', parts: [{ text: 'Hello' }] }],
    });
  });

  it('uses the model role for the assistant and merges consecutive turns of one role', () => {
    expect(
      convert([
        { role: 'user', content: 'one' },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'two' },
            { type: 'text', text: '' },
          ],
        },
        { role: 'assistant', content: 'three' },
        { role: 'assistant', content: null, refusal: null },
        { role: 'user', content: 'four' },
      ]).contents,
    ).toEqual([
      { role: 'user', parts: [{ text: 'one' }, { text: 'two' }] },
      { role: 'model', parts: [{ text: 'three' }] },
      { role: 'user', parts: [{ text: 'four' }] },
    ]);
  });

  it('round-trips parallel tool calls: function calls, then one user turn of function responses named by call id', () => {
    const signed = makeToolCallId('a', 'c2lnbmF0dXJl');
    const { contents } = convert([
      { role: 'user', content: 'Weather in Paris and Rome?' },
      {
        role: 'assistant',
        content: 'Checking.',
        tool_calls: [
          { id: signed, type: 'function', function: { name: 'get_weather', arguments: '{"city":"Paris"}' } },
          { id: 'call_2', type: 'function', function: { name: 'get_time', arguments: '' } },
        ],
      },
      { role: 'tool', tool_call_id: signed, content: '{"temp":21}' },
      { role: 'tool', tool_call_id: 'call_2', content: [{ type: 'text', text: 'noon' }] },
    ]);

    expect(contents).toEqual([
      { role: 'user', parts: [{ text: 'Weather in Paris and Rome?' }] },
      {
        role: 'model',
        parts: [
          { text: 'Checking.' },
          {
            functionCall: { name: 'get_weather', args: { city: 'Paris' } },
            thoughtSignature: 'c2lnbmF0dXJl',
          },
          { functionCall: { name: 'get_time', args: {} } },
        ],
      },
      {
        role: 'user',
        parts: [
          { functionResponse: { name: 'get_weather', response: { temp: 21 } } },
          { functionResponse: { name: 'get_time', response: { content: 'noon' } } },
        ],
      },
    ]);
  });

  it('refuses a tool result whose call id no assistant message made', () => {
    const error = (() => {
      try {
        convert([{ role: 'tool', tool_call_id: 'call_unknown', content: 'x' }]);
      } catch (caught) {
        return caught;
      }
    })();

    expect(error).toBeInstanceOf(BadRequestError);
    expect(error).toMatchObject({ param: 'messages[0].tool_call_id' });
  });

  it('converts images: data URLs inline, http and gs URLs as file references (never fetched)', () => {
    const { contents } = convert([
      {
        role: 'user',
        content: [
          { type: 'text', text: 'Compare' },
          { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
          { type: 'image_url', image_url: { url: 'https://example.com/cat.webp?size=2' } },
          { type: 'image_url', image_url: { url: 'https://example.com/photo' } },
          { type: 'image_url', image_url: { url: 'gs://bucket/doc.pdf' } },
          { type: 'input_audio', input_audio: { data: 'UklGRg==', format: 'wav' } },
          { type: 'file', file: { file_data: 'data:application/pdf;base64,JVBERi0=', filename: 'a.pdf' } },
        ],
      },
    ]);

    expect(contents[0]?.parts).toEqual([
      { text: 'Compare' },
      { inlineData: { mimeType: 'image/png', data: 'iVBORw0KGgo=' } },
      { fileData: { fileUri: 'https://example.com/cat.webp?size=2', mimeType: 'image/webp' } },
      { fileData: { fileUri: 'https://example.com/photo', mimeType: 'image/jpeg' } },
      { fileData: { fileUri: 'gs://bucket/doc.pdf', mimeType: 'application/pdf' } },
      { inlineData: { mimeType: 'audio/wav', data: 'UklGRg==' } },
      { inlineData: { mimeType: 'application/pdf', data: 'JVBERi0=' } },
    ]);
  });

  it('refuses image URLs of other schemes', () => {
    expect(() =>
      convert([{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'file:///etc/passwd' } }] }]),
    ).toThrow(BadRequestError);
  });
});
