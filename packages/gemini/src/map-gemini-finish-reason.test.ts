import { describe, expect, it } from 'vitest';
import { mapGeminiFinishReason } from './map-gemini-finish-reason.js';

describe('mapGeminiFinishReason', () => {
  it.each([
    ['STOP', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['SAFETY', 'content_filter'],
    ['RECITATION', 'content_filter'],
    ['BLOCKLIST', 'content_filter'],
    ['PROHIBITED_CONTENT', 'content_filter'],
    ['SPII', 'content_filter'],
    ['IMAGE_SAFETY', 'content_filter'],
    ['OTHER', 'stop'],
    ['MALFORMED_FUNCTION_CALL', 'stop'],
    ['FINISH_REASON_UNSPECIFIED', 'stop'],
    [undefined, 'stop'],
  ])('maps %s to %s', (reason, expected) => {
    expect(mapGeminiFinishReason(reason, false)).toBe(expected);
  });

  it('answers tool_calls when the candidate called a function, whatever Gemini said (it says STOP)', () => {
    expect(mapGeminiFinishReason('STOP', true)).toBe('tool_calls');
  });
});
