import { describe, expect, it } from 'vitest';
import { SwitchyardError } from '../errors/switchyard-error.js';
import { decodeSse, SseDecoder, type SseEvent } from './sse-decoder.js';
import { encodeSseData, encodeSseEvent } from './sse-encoder.js';

const bytes = (text: string) => new TextEncoder().encode(text);

function decodeAll(chunks: Array<string | Uint8Array>): SseEvent[] {
  const decoder = new SseDecoder();
  const events: SseEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(chunk));
  events.push(...decoder.end());
  return events;
}

/** Splits the bytes of `text` at every position, so each boundary case is exercised. */
function everySplit(text: string): Uint8Array[][] {
  const all = bytes(text);
  const out: Uint8Array[][] = [];
  for (let i = 0; i <= all.length; i += 1) out.push([all.slice(0, i), all.slice(i)]);
  return out;
}

describe('SseDecoder', () => {
  it('decodes OpenAI-style frames', () => {
    const events = decodeAll(['data: {"a":1}\n\ndata: [DONE]\n\n']);
    expect(events).toEqual([{ data: '{"a":1}' }, { data: '[DONE]' }]);
  });

  it.each([
    ['LF', '\n'],
    ['CR', '\r'],
    ['CRLF', '\r\n'],
  ])('accepts %s line endings, split at every byte', (_name, eol) => {
    const text = `event: ping${eol}data: one${eol}data: two${eol}${eol}data: three${eol}${eol}`;
    for (const chunks of everySplit(text)) {
      expect(decodeAll(chunks)).toEqual([{ event: 'ping', data: 'one\ntwo' }, { data: 'three' }]);
    }
  });

  it('keeps multi-byte characters split across chunks intact', () => {
    const text = 'data: héllo 🌍 世界\n\n';
    for (const chunks of everySplit(text)) {
      expect(decodeAll(chunks)).toEqual([{ data: 'héllo 🌍 世界' }]);
    }
  });

  it('ignores comments, unknown fields and empty events; strips one leading space only', () => {
    const events = decodeAll([': keep-alive\n\nfoo: bar\ndata:  two spaces\ndata:nospace\n\n\n\n']);
    expect(events).toEqual([{ data: ' two spaces\nnospace' }]);
  });

  it('tracks id and retry, strips a BOM, and discards an unterminated event at the end', () => {
    const events = decodeAll(['\uFEFFid: 7\nretry: 1500\ndata: x\n\ndata: lost']);
    expect(events).toEqual([{ id: '7', retry: 1500, data: 'x' }]);
  });

  it('handles a field with no colon as an empty value', () => {
    expect(decodeAll(['data\n\n'])).toEqual([{ data: '' }]);
  });

  it('decodes a large event delivered in many small chunks', () => {
    const payload = 'x'.repeat(200_000);
    const text = `data: ${payload}\n\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 1000) chunks.push(text.slice(i, i + 1000));
    expect(decodeAll(chunks)).toEqual([{ data: payload }]);
  });

  it('refuses an event over the size cap, whether in one line or many', () => {
    const oneLine = new SseDecoder({ maxEventSize: 100 });
    expect(() => oneLine.push(`data: ${'y'.repeat(200)}`)).toThrow(/larger than 100/);
    const manyLines = new SseDecoder({ maxEventSize: 100 });
    let thrown: unknown;
    try {
      for (let i = 0; i < 20; i += 1) manyLines.push('data: 0123456789\n');
    } catch (error) {
      thrown = error;
    }
    expect(SwitchyardError.isInstance(thrown) && thrown.status).toBe(502);
  });

  it('decodes an async byte stream', async () => {
    async function* source() {
      yield bytes('data: 1\n');
      yield bytes('\ndata: 2\r');
      yield bytes('\n\r\n');
    }
    const events: SseEvent[] = [];
    for await (const event of decodeSse(source())) events.push(event);
    expect(events.map((event) => event.data)).toEqual(['1', '2']);
  });
});

describe('SSE encoder', () => {
  it('round-trips through the decoder, multi-line data included', () => {
    const encoded =
      encodeSseEvent({ event: 'message_start', id: '1', data: 'a\nb\r\nc' }) + encodeSseData('{"x":1}');
    expect(decodeAll([encoded])).toEqual([
      { event: 'message_start', id: '1', data: 'a\nb\nc' },
      { id: '1', data: '{"x":1}' },
    ]);
    expect(encodeSseData('{"x":1}')).toBe('data: {"x":1}\n\n');
  });
});
