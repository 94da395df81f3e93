import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { safeParseJson } from '@switchyard/core';

/** The text of a fixture in this folder, exactly as recorded. */
export function loadFixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

/** A JSON fixture, parsed. */
export function loadJsonFixture<T = Record<string, unknown>>(name: string): T {
  const parsed = safeParseJson(loadFixture(name));
  if (!parsed.ok) throw new Error(`Fixture ${name} is not valid JSON: ${parsed.error.message}`);
  return parsed.value as T;
}

export interface RecordedEvent {
  type: string;
  payload: Record<string, unknown>;
}

/**
 * One AWS event stream message with string headers, checksummed with zlib's CRC-32 (independent of
 * the package's own, which decoding checks against it).
 */
export function encodeEventStreamMessage(
  headers: Record<string, string>,
  payload: string | Uint8Array,
): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => {
      const nameBytes = Buffer.from(name);
      const valueBytes = Buffer.from(value);
      const lengths = Buffer.alloc(3);
      lengths.writeUInt8(7, 0);
      lengths.writeUInt16BE(valueBytes.length, 1);
      return Buffer.concat([Buffer.from([nameBytes.length]), nameBytes, lengths, valueBytes]);
    }),
  );
  const payloadBytes = Buffer.from(payload);
  const total = 16 + headerBytes.length + payloadBytes.length;
  const prelude = Buffer.alloc(12);
  prelude.writeUInt32BE(total, 0);
  prelude.writeUInt32BE(headerBytes.length, 4);
  prelude.writeUInt32BE(crc32(prelude.subarray(0, 8)), 8);
  const body = Buffer.concat([prelude, headerBytes, payloadBytes]);
  const trailer = Buffer.alloc(4);
  trailer.writeUInt32BE(crc32(body), 0);
  return Buffer.concat([body, trailer]);
}

/** A recorded ConverseStream transcript (`converse-stream.events.json`) as the bytes Bedrock sends. */
export function encodeRecordedEvents(events: readonly RecordedEvent[]): Buffer {
  return Buffer.concat(
    events.map((event) =>
      encodeEventStreamMessage(
        { ':event-type': event.type, ':content-type': 'application/json', ':message-type': 'event' },
        JSON.stringify(event.payload),
      ),
    ),
  );
}

/** A stream exception message (`:message-type: exception`). */
export function encodeException(exceptionType: string, message: string): Buffer {
  return encodeEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}

/** Feeds `bytes` as an async body, `size` bytes at a time. */
export async function* chunked(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let start = 0; start < bytes.length; start += size) yield bytes.subarray(start, start + size);
}
