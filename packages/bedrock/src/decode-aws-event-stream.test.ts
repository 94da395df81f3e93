import { crc32 } from 'node:zlib';
import { BadGatewayError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  encodeEventStreamMessage,
  encodeRecordedEvents,
  loadJsonFixture,
  type RecordedEvent,
} from './__fixtures__/load-fixture.js';
import { decodeAwsEventStream, type EventStreamMessage } from './decode-aws-event-stream.js';

const events = loadJsonFixture<RecordedEvent[]>('converse-stream.events.json');
const bytes = encodeRecordedEvents(events);
const options = { provider: 'bedrock' };

async function decodeAll(body: AsyncIterable<Uint8Array>): Promise<EventStreamMessage[]> {
  const messages: EventStreamMessage[] = [];
  for await (const message of decodeAwsEventStream(body, options)) messages.push(message);
  return messages;
}

async function decodeError(body: AsyncIterable<Uint8Array>): Promise<unknown> {
  return decodeAll(body).then(
    () => undefined,
    (error: unknown) => error,
  );
}

const payloads = (messages: EventStreamMessage[]) =>
  messages.map((message) => JSON.parse(Buffer.from(message.payload).toString('utf8')) as unknown);

describe('decodeAwsEventStream', () => {
  it('decodes a recorded ConverseStream body into its messages, headers and payloads', async () => {
    const messages = await decodeAll(chunked(bytes, bytes.length));

    expect(messages).toHaveLength(events.length);
    expect(messages[0]?.headers).toEqual({
      ':event-type': 'messageStart',
      ':content-type': 'application/json',
      ':message-type': 'event',
    });
    expect(payloads(messages)).toEqual(events.map((event) => event.payload));
  });

  it.each([1, 3, 7, 12, 13, 64, 1000])('reassembles messages split into %i-byte chunks', async (size) => {
    const messages = await decodeAll(chunked(bytes, size));

    expect(payloads(messages)).toEqual(events.map((event) => event.payload));
  });

  it('decodes every header value type', async () => {
    const header = (name: string, type: number, value: Buffer) =>
      Buffer.concat([Buffer.from([name.length]), Buffer.from(name), Buffer.from([type]), value]);
    const int16 = Buffer.alloc(2);
    int16.writeInt16BE(-2);
    const int32 = Buffer.alloc(4);
    int32.writeInt32BE(70000);
    const int64 = Buffer.alloc(8);
    int64.writeBigInt64BE(-5n);
    const time = Buffer.alloc(8);
    time.writeBigInt64BE(1_700_000_000_000n);
    const headers = Buffer.concat([
      header('t', 0, Buffer.alloc(0)),
      header('f', 1, Buffer.alloc(0)),
      header('b', 2, Buffer.from([0xff])),
      header('s', 3, int16),
      header('i', 4, int32),
      header('l', 5, int64),
      header('bytes', 6, Buffer.from([0, 2, 1, 2])),
      header('str', 7, Buffer.from([0, 2, 0x68, 0x69])),
      header('ts', 8, time),
      header('id', 9, Buffer.alloc(16, 0xab)),
    ]);
    const message = encodeEventStreamMessage({}, 'x');
    const total = 16 + headers.length + 1;
    const raw = Buffer.concat([message.subarray(0, 12), headers, Buffer.from('x'), Buffer.alloc(4)]);
    raw.writeUInt32BE(total, 0);
    raw.writeUInt32BE(headers.length, 4);
    raw.writeUInt32BE(crc32(raw.subarray(0, 8)), 8);
    raw.writeUInt32BE(crc32(raw.subarray(0, total - 4)), total - 4);

    const [decoded] = await decodeAll(chunked(raw, raw.length));

    expect(decoded?.headers).toEqual({
      t: true,
      f: false,
      b: -1,
      s: -2,
      i: 70000,
      l: -5n,
      bytes: new Uint8Array([1, 2]),
      str: 'hi',
      ts: new Date(1_700_000_000_000),
      id: new Uint8Array(16).fill(0xab),
    });
  });

  it('refuses a message whose checksum does not match', async () => {
    const corrupted = Buffer.from(bytes);
    corrupted[40] = (corrupted[40] ?? 0) ^ 0x01;

    const error = await decodeError(chunked(corrupted, 50));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'invalid_upstream_response', provider: 'bedrock' });
    expect((error as Error).message).toContain('message checksum');
  });

  it('refuses a prelude whose checksum does not match, such as a JSON body', async () => {
    const error = await decodeError(chunked(Buffer.from('{"message":"Too many requests"}'), 100));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect((error as Error).message).toContain('prelude checksum');
  });

  it('refuses impossible lengths before waiting for the bytes', async () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(0x7fffffff, 0);
    prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);

    const error = await decodeError(chunked(prelude, 12));

    expect((error as Error).message).toContain('impossible lengths');
  });

  it('fails a body that ends in the middle of a message as incomplete', async () => {
    const error = await decodeError(chunked(bytes.subarray(0, bytes.length - 5), 100));

    expect(error).toBeInstanceOf(BadGatewayError);
    expect(error).toMatchObject({ code: 'incomplete_stream' });
  });
});
