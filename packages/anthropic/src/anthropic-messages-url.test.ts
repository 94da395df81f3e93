import { describe, expect, it } from 'vitest';
import { anthropicMessagesUrl } from './anthropic-messages-url.js';

describe('anthropicMessagesUrl', () => {
  it.each([
    ['https://api.anthropic.com', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/v1', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/v1/', 'https://api.anthropic.com/v1/messages'],
    ['https://api.anthropic.com/v1/messages', 'https://api.anthropic.com/v1/messages'],
    ['https://gateway.example/anthropic', 'https://gateway.example/anthropic/v1/messages'],
    ['http://127.0.0.1:8080/proxy/v1//', 'http://127.0.0.1:8080/proxy/v1/messages'],
  ])('%s posts to %s', (base, url) => {
    expect(anthropicMessagesUrl(base)).toBe(url);
  });
});
