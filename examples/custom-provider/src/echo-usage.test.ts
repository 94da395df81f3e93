import { describe, expect, it } from 'vitest';
import { echoUsage, estimateTokens } from './echo-usage.js';

describe('estimateTokens', () => {
  it('counts one token per 4 characters, rounded up', () => {
    expect(estimateTokens('')).toBe(0);
    expect(estimateTokens('abcd')).toBe(1);
    expect(estimateTokens('abcde')).toBe(2);
  });

  it('counts code points, not UTF-16 units', () => {
    expect(estimateTokens('😀😀😀😀')).toBe(1);
  });
});

describe('echoUsage', () => {
  it('counts every message as prompt and every choice as completion', () => {
    const usage = echoUsage(
      [
        { role: 'system', content: 'abc' },
        { role: 'user', content: 'defg' },
      ],
      'gfedcba',
      3,
    );
    // "abc\ndefg" is 8 characters: 2 tokens; "gfedcba" is 7: 2 tokens per choice.
    expect(usage).toEqual({ prompt_tokens: 2, completion_tokens: 6, total_tokens: 8 });
  });
});
