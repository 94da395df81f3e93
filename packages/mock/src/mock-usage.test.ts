import { describe, expect, it } from 'vitest';
import { estimatePromptTokens, estimateTokens, mockUsage, truncateToTokens } from './mock-usage.js';

describe('estimateTokens', () => {
  it('counts one token per 4 characters, rounded up, at least 1', () => {
    expect(estimateTokens('')).toBe(1);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
    expect(estimateTokens('a'.repeat(400))).toBe(100);
  });
});

describe('truncateToTokens', () => {
  it('keeps the longest prefix within the estimate', () => {
    const text = 'a'.repeat(30);
    expect(truncateToTokens(text, 3)).toBe('a'.repeat(12));
    expect(estimateTokens(truncateToTokens(text, 3))).toBe(3);
    expect(truncateToTokens('short', 10)).toBe('short');
  });
});

describe('mockUsage', () => {
  it('estimates the prompt over all messages and totals prompt and completion of every choice', () => {
    const request = {
      messages: [
        { role: 'system' as const, content: 'You are terse.' },
        { role: 'user' as const, content: 'Say hello please' },
      ],
    };
    const prompt = estimatePromptTokens(request);
    expect(prompt).toBe(estimateTokens('You are terse.\nSay hello please'));
    const usage = mockUsage(request, 5, 2);
    expect(usage).toEqual({ prompt_tokens: prompt, completion_tokens: 10, total_tokens: prompt + 10 });
  });
});
