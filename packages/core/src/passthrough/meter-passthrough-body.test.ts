import { describe, expect, it } from 'vitest';
import { meterPassthroughBody, type PassthroughBodyReader } from './meter-passthrough-body.js';

const encoder = new TextEncoder();

async function* chunks(text: string, size: number): AsyncGenerator<Uint8Array> {
  const bytes = encoder.encode(text);
  for (let start = 0; start < bytes.length; start += size) yield bytes.slice(start, start + size);
}

async function read(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const part of body) parts.push(part);
  return Buffer.concat(parts).toString('utf8');
}

const stream = 'event: a\ndata: {"n":1}\n\nevent: b\ndata: {"n":2}\n\ndata: [DONE]\n\n';

describe('meterPassthroughBody', () => {
  it('passes an event stream through byte for byte while the reader sees each event once', async () => {
    const seen: string[] = [];
    const reader: PassthroughBodyReader = {
      event: (event) => {
        seen.push(`${event.event ?? 'message'}:${event.data}`);
        return undefined;
      },
      json: () => {},
    };
    const metered = meterPassthroughBody(chunks(stream, 5), true, reader);
    expect(await read(metered.body)).toBe(stream);
    expect(seen).toEqual(['a:{"n":1}', 'b:{"n":2}', 'message:[DONE]']);
  });

  it('keeps from the client the frames the reader refuses', async () => {
    const reader: PassthroughBodyReader = { event: (event) => event.event !== 'b', json: () => {} };
    const metered = meterPassthroughBody(chunks(stream, 64), true, reader);
    expect(await read(metered.body)).toBe('event: a\ndata: {"n":1}\n\ndata: [DONE]\n\n');
  });

  it('reads a JSON answer whole at its end, after passing every chunk on', async () => {
    const reader: PassthroughBodyReader = {
      event: () => true,
      json: (value, reading) => {
        reading.id = String(value.id);
      },
    };
    const metered = meterPassthroughBody(chunks('{"id":"resp_1","usage":null}', 3), false, reader);
    expect(metered.reading.id).toBeUndefined();
    expect(await read(metered.body)).toBe('{"id":"resp_1","usage":null}');
    expect(metered.reading.id).toBe('resp_1');
  });

  it('never lets a reader (or a body it cannot read) break the pass-through', async () => {
    const throwing: PassthroughBodyReader = {
      event: () => {
        throw new Error('reader bug');
      },
      json: () => {
        throw new Error('reader bug');
      },
    };
    expect(await read(meterPassthroughBody(chunks(stream, 7), true, throwing).body)).toBe(stream);
    expect(await read(meterPassthroughBody(chunks('{"a":1}', 2), false, throwing).body)).toBe('{"a":1}');
    expect(await read(meterPassthroughBody(chunks('not json', 2), false, throwing).body)).toBe('not json');
  });
});
