import { describe, expect, it } from 'vitest';
import { fallbackToolCallId, toMistralToolCallId } from './mistral-tool-call-id.js';

describe('toMistralToolCallId', () => {
  it('keeps ids Mistral accepts (nine letters and digits) as they are', () => {
    expect(toMistralToolCallId('D681PevKs')).toBe('D681PevKs');
  });

  it('maps any other id to nine letters and digits, the same way every time', () => {
    const mapped = toMistralToolCallId('call_abc123');

    expect(mapped).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(toMistralToolCallId('call_abc123')).toBe(mapped);
    expect(toMistralToolCallId('call_abc124')).not.toBe(mapped);
    expect(toMistralToolCallId('toolu_01A09q90qw90lq917835lq9')).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(toMistralToolCallId('abc-DEF12')).not.toBe('abc-DEF12');
  });

  it('derives an id for a call returned without one', () => {
    expect(fallbackToolCallId('cmpl-1', 0, 1)).toMatch(/^[A-Za-z0-9]{9}$/);
    expect(fallbackToolCallId('cmpl-1', 0, 1)).not.toBe(fallbackToolCallId('cmpl-1', 0, 2));
  });
});
