import { describe, expect, it } from 'vitest';
import { SseFrameSplitter } from './sse-frame-splitter.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const text = (frames: Uint8Array[]) => frames.map((frame) => decoder.decode(frame));

/** Feeds `input` in pieces of `size` bytes; returns the frames and the tail. */
function split(input: string, size: number) {
  const bytes = encoder.encode(input);
  const splitter = new SseFrameSplitter();
  const frames: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    frames.push(...splitter.push(bytes.subarray(start, start + size)));
  }
  const tail = splitter.end();
  return { frames: text(frames), tail: tail && decoder.decode(tail) };
}

describe('SseFrameSplitter', () => {
  it.each([
    ['LF', 'event: a\ndata: 1\n\ndata: 2\n\n', ['event: a\ndata: 1\n\n', 'data: 2\n\n']],
    ['CRLF', 'data: 1\r\n\r\ndata: 2\r\n\r\n', ['data: 1\r\n\r\n', 'data: 2\r\n\r\n']],
    ['CR', 'data: 1\r\rdata: 2\r\r', ['data: 1\r\r', 'data: 2\r\r']],
    [
      'comments and multi-line data',
      ': ping\n\ndata: a\ndata: b\n\n',
      [': ping\n\n', 'data: a\ndata: b\n\n'],
    ],
  ])('cuts %s-separated frames after their blank line, bytes unchanged', (_name, input, expected) => {
    expect(split(input, input.length).frames).toEqual(expected);
  });

  it.each([1, 2, 3, 7])('finds the same frames when the stream arrives %i bytes at a time', (size) => {
    const input = 'event: x\r\ndata: {"a":1}\r\n\r\ndata: é ü\n\ndata: [DONE]\r\r';
    const { frames, tail } = split(input, size);
    expect(frames.join('') + (tail ?? '')).toBe(input);
    expect(frames.filter((frame) => frame.trim() !== '').map((frame) => frame.trim())).toEqual([
      'event: x\r\ndata: {"a":1}',
      'data: é ü',
      'data: [DONE]',
    ]);
  });

  it('returns the bytes after the last frame at the end', () => {
    const { frames, tail } = split('data: 1\n\ndata: cut sho', 4);
    expect(frames).toEqual(['data: 1\n\n']);
    expect(tail).toBe('data: cut sho');
  });

  it('hands on a frame that grows past the cap instead of buffering it', () => {
    const splitter = new SseFrameSplitter(8);
    const frames = splitter.push(encoder.encode('data: 0123456789'));
    expect(text(frames)).toEqual(['data: 0123456789']);
    expect(text(splitter.push(encoder.encode('\n\n')))).toEqual(['\n\n']);
  });
});
