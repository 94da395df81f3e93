import type { ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { conversationText, lastUserText, messageText } from './mock-message-text.js';

describe('messageText', () => {
  it('reads string content and text parts, with placeholders for images, audio and files', () => {
    const message: ChatMessage = {
      role: 'user',
      content: [
        { type: 'text', text: 'What is this?' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        { type: 'input_audio', input_audio: { data: 'AAAA', format: 'wav' } },
      ],
    };
    expect(messageText(message)).toBe('What is this? [image] [audio]');
    expect(messageText({ role: 'system', content: 'Be brief.' })).toBe('Be brief.');
  });

  it("includes an assistant's tool calls", () => {
    const message: ChatMessage = {
      role: 'assistant',
      content: null,
      tool_calls: [
        { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } },
      ],
    };
    expect(messageText(message)).toBe('get_weather {"city":"Oslo"}');
  });
});

describe('lastUserText', () => {
  it('reads the last user message with whitespace collapsed', () => {
    const messages: ChatMessage[] = [
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'reply' },
      { role: 'user', content: '  second\n\n  question ' },
      { role: 'tool', content: 'result', tool_call_id: 'call_1' },
    ];
    expect(lastUserText(messages)).toBe('second question');
  });

  it('is empty without a user message', () => {
    expect(lastUserText([{ role: 'system', content: 'Be brief.' }])).toBe('');
  });
});

describe('conversationText', () => {
  it('joins every message, one a line', () => {
    expect(
      conversationText([
        { role: 'system', content: 'a' },
        { role: 'user', content: 'b' },
      ]),
    ).toBe('a\nb');
  });
});
