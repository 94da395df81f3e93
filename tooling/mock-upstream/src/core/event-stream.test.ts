import { describe, expect, it } from 'vitest';
import { formatEventStreamFrame } from './event-stream.js';

describe('formatEventStreamFrame', () => {
  it('writes a data-only frame', () => {
    expect(formatEventStreamFrame({ data: '{"a":1}' })).toBe('data: {"a":1}\n\n');
  });

  it('writes a named event and splits multi-line data', () => {
    expect(formatEventStreamFrame({ event: 'ping', data: 'one\ntwo' })).toBe(
      'event: ping\ndata: one\ndata: two\n\n',
    );
  });
});
