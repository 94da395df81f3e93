import type { ChatMessage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { lastUserText, messageText } from './message-text.js';

describe('messageText', () => {
  it('reads string content', () => {
    expect(messageText({ role: 'user', content: 'hi there' })).toBe('hi there');
  });

  it('joins text parts and skips images', () => {
    const message: ChatMessage = {
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'https://example.com/cat.png' } },
        { type: 'text', text: 'at this' },
      ],
    };
    expect(messageText(message)).toBe('look at this');
  });

  it('reads refusals and treats missing content as empty', () => {
    expect(messageText({ role: 'assistant', content: [{ type: 'refusal', refusal: 'no' }] })).toBe('no');
    expect(messageText({ role: 'assistant', content: null })).toBe('');
  });
});

describe('lastUserText', () => {
  it('takes the last user message, not the last message', () => {
    const messages: ChatMessage[] = [
      { role: 'system', content: 'be brief' },
      { role: 'user', content: 'first' },
      { role: 'assistant', content: 'tsrif' },
      { role: 'user', content: 'second' },
      { role: 'assistant', content: 'dnoces' },
    ];
    expect(lastUserText(messages)).toBe('second');
  });

  it('is undefined without a user message', () => {
    expect(lastUserText([{ role: 'system', content: 'alone' }])).toBeUndefined();
  });
});
