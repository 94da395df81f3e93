import { describe, expect, it } from 'vitest';
import { makeToolCallId, thoughtSignatureOf } from './gemini-tool-call-id.js';

describe('makeToolCallId', () => {
  it('is stable for a seed, different across seeds, and OpenAI-shaped', () => {
    const id = makeToolCallId('resp-1:0:0:get_weather:{}');

    expect(id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(makeToolCallId('resp-1:0:0:get_weather:{}')).toBe(id);
    expect(makeToolCallId('resp-1:0:1:get_weather:{}')).not.toBe(id);
  });

  it('carries a thought signature after litellm’s separator, and gives it back', () => {
    const id = makeToolCallId('seed', 'CiQB0e2Kb+/sig==');

    expect(id).toMatch(/^call_[0-9a-f]{24}__thought__CiQB0e2Kb\+\/sig==$/);
    expect(thoughtSignatureOf(id)).toBe('CiQB0e2Kb+/sig==');
    expect(thoughtSignatureOf(makeToolCallId('seed'))).toBeUndefined();
    expect(thoughtSignatureOf('toolu_01A09q90qw90lq917835lq9')).toBeUndefined();
  });
});
