import { describe, expect, it } from 'vitest';
import { mapFinishReason } from './map-finish-reason.js';

describe('mapFinishReason', () => {
  it('maps each canonical finish reason', () => {
    expect(mapFinishReason('stop').stop_reason).toBe('end_turn');
    expect(mapFinishReason('length').stop_reason).toBe('max_tokens');
    expect(mapFinishReason('tool_calls').stop_reason).toBe('tool_use');
    expect(mapFinishReason('function_call').stop_reason).toBe('tool_use');
    expect(mapFinishReason('content_filter').stop_reason).toBe('refusal');
    expect(mapFinishReason(null)).toEqual({ stop_reason: null, stop_sequence: null });
  });

  it('names the stop sequence the text ends with', () => {
    expect(mapFinishReason('stop', { text: 'a\nEND', stopSequences: ['STOP', '\nEND'] })).toEqual({
      stop_reason: 'stop_sequence',
      stop_sequence: '\nEND',
    });
    expect(mapFinishReason('stop', { text: 'plain', stopSequences: ['END'] }).stop_reason).toBe('end_turn');
  });
});
