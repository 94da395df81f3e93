import { describe, expect, it } from 'vitest';
import { isCohereFailureReason, mapCohereFinishReason } from './map-cohere-finish-reason.js';

describe('mapCohereFinishReason', () => {
  it.each([
    ['COMPLETE', 'stop'],
    ['STOP_SEQUENCE', 'stop'],
    ['MAX_TOKENS', 'length'],
    ['TOOL_CALL', 'tool_calls'],
    ['ERROR_TOXIC', 'content_filter'],
    ['SOMETHING_NEW', 'stop'],
    [null, 'stop'],
  ])('maps %s to %s', (reason, expected) => {
    expect(mapCohereFinishReason(reason)).toBe(expected);
  });

  it('finishes with tool_calls when there are tool calls and the reason says complete', () => {
    expect(mapCohereFinishReason('COMPLETE', true)).toBe('tool_calls');
    expect(mapCohereFinishReason('MAX_TOKENS', true)).toBe('length');
  });
});

describe('isCohereFailureReason', () => {
  it('recognises ERROR and TIMEOUT only', () => {
    expect(isCohereFailureReason('ERROR')).toBe(true);
    expect(isCohereFailureReason('TIMEOUT')).toBe(true);
    expect(isCohereFailureReason('COMPLETE')).toBe(false);
    expect(isCohereFailureReason(undefined)).toBe(false);
  });
});
