import { describe, expect, it } from 'vitest';
import { echoTransformFor, reverseText } from './echo-transforms.js';

describe('reverseText', () => {
  it('reverses characters', () => {
    expect(reverseText('Hello, world')).toBe('dlrow ,olleH');
  });

  it('keeps emoji sequences and combining marks whole', () => {
    expect(reverseText('ab👍🏽e\u0301')).toBe('e\u0301👍🏽ba');
    expect(reverseText('👨‍👩‍👧!')).toBe('!👨‍👩‍👧');
  });

  it('leaves an empty text empty', () => {
    expect(reverseText('')).toBe('');
  });
});

describe('echoTransformFor', () => {
  it('maps each model to its transform', () => {
    expect(echoTransformFor('reverse')?.('abc')).toBe('cba');
    expect(echoTransformFor('upper')?.('abc')).toBe('ABC');
    expect(echoTransformFor('repeat')?.('abc')).toBe('abc');
  });

  it('knows no other model, including inherited object keys', () => {
    expect(echoTransformFor('gpt-4o')).toBeUndefined();
    expect(echoTransformFor('toString')).toBeUndefined();
    expect(echoTransformFor('__proto__')).toBeUndefined();
  });
});
