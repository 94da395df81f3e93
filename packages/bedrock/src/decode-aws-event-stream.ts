import { BadGatewayError } from '@switchyard/core';
import { crc32 } from './crc32.js';

/** A header value of the AWS event stream encoding (byte arrays and UUIDs stay bytes). */
export type EventStreamHeaderValue = boolean | number | bigint | string | Date | Uint8Array;

/** One message of an `application/vnd.amazon.eventstream` body. */
export interface EventStreamMessage {
  headers: Record<string, EventStreamHeaderValue>;
  payload: Uint8Array;
}

export interface DecodeEventStreamOptions {
  provider: string;
  /** Largest message accepted (AWS caps messages at 16 MiB); default 24 MiB. */
  maxMessageBytes?: number;
}

const PRELUDE_BYTES = 12;
const MIN_MESSAGE_BYTES = 16;

/**
 * Decodes the AWS event stream binary framing: each message is a 12-byte prelude (total length,
 * headers length, CRC-32 of those 8 bytes), typed headers, the payload and a CRC-32 of everything
 * before it, all big-endian. Messages may be split across, or packed into, body chunks. A checksum
 * that does not match, an impossible length or bytes left over at the end fail with BadGatewayError.
 */
export async function* decodeAwsEventStream(
  body: AsyncIterable<Uint8Array>,
  options: DecodeEventStreamOptions,
): AsyncGenerator<EventStreamMessage> {
  const maxBytes = options.maxMessageBytes ?? 24 * 1024 * 1024;
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of body) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, chunk]);
    let offset = 0;
    while (pending.length - offset >= PRELUDE_BYTES) {
      const total = checkPrelude(pending, offset, maxBytes, options.provider);
      if (pending.length - offset < total) break;
      yield decodeMessage(pending.subarray(offset, offset + total), options.provider);
      offset += total;
    }
    if (offset > 0) pending = pending.subarray(offset);
  }
  if (pending.length > 0) {
    throw new BadGatewayError({
      message: `${options.provider} ended the event stream in the middle of a message`,
      provider: options.provider,
      code: 'incomplete_stream',
    });
  }
}

function invalid(provider: string, what: string): BadGatewayError {
  return new BadGatewayError({
    message: `${provider} sent an invalid event stream message: ${what}`,
    provider,
    code: 'invalid_upstream_response',
  });
}

/** Validates the prelude at `offset` and returns the message's total length. */
function checkPrelude(bytes: Buffer, offset: number, maxBytes: number, provider: string): number {
  const total = bytes.readUInt32BE(offset);
  const headersLength = bytes.readUInt32BE(offset + 4);
  if (bytes.readUInt32BE(offset + 8) !== crc32(bytes, offset, offset + 8)) {
    throw invalid(provider, 'the prelude checksum does not match');
  }
  if (total < MIN_MESSAGE_BYTES || total > maxBytes || headersLength > total - MIN_MESSAGE_BYTES) {
    throw invalid(provider, `impossible lengths (message ${total} bytes, headers ${headersLength} bytes)`);
  }
  return total;
}

function decodeMessage(message: Buffer, provider: string): EventStreamMessage {
  const total = message.length;
  if (message.readUInt32BE(total - 4) !== crc32(message, 0, total - 4)) {
    throw invalid(provider, 'the message checksum does not match');
  }
  const headersLength = message.readUInt32BE(4);
  return {
    headers: decodeHeaders(message.subarray(PRELUDE_BYTES, PRELUDE_BYTES + headersLength), provider),
    payload: message.subarray(PRELUDE_BYTES + headersLength, total - 4),
  };
}

function decodeHeaders(bytes: Buffer, provider: string): Record<string, EventStreamHeaderValue> {
  const headers: Record<string, EventStreamHeaderValue> = {};
  let offset = 0;
  try {
    while (offset < bytes.length) {
      const nameLength = bytes.readUInt8(offset);
      const name = bytes.toString('utf8', offset + 1, offset + 1 + nameLength);
      const [value, next] = decodeHeaderValue(bytes, offset + 1 + nameLength);
      headers[name] = value;
      offset = next;
    }
  } catch (error) {
    if (error instanceof RangeError) throw invalid(provider, `bad headers (${error.message})`);
    throw error;
  }
  return headers;
}

/** Reads one typed header value at `offset` (its type byte); returns it and the next offset. */
function decodeHeaderValue(bytes: Buffer, offset: number): [EventStreamHeaderValue, number] {
  const type = bytes.readUInt8(offset);
  const at = offset + 1;
  switch (type) {
    case 0:
      return [true, at];
    case 1:
      return [false, at];
    case 2:
      return [bytes.readInt8(at), at + 1];
    case 3:
      return [bytes.readInt16BE(at), at + 2];
    case 4:
      return [bytes.readInt32BE(at), at + 4];
    case 5:
      return [bytes.readBigInt64BE(at), at + 8];
    case 6:
    case 7: {
      const length = bytes.readUInt16BE(at);
      if (at + 2 + length > bytes.length) throw new RangeError('header value past the end');
      const value = bytes.subarray(at + 2, at + 2 + length);
      return [type === 7 ? value.toString('utf8') : new Uint8Array(value), at + 2 + length];
    }
    case 8:
      return [new Date(Number(bytes.readBigInt64BE(at))), at + 8];
    case 9:
      if (at + 16 > bytes.length) throw new RangeError('header value past the end');
      return [new Uint8Array(bytes.subarray(at, at + 16)), at + 16];
    default:
      throw new RangeError(`unknown header type ${type}`);
  }
}
