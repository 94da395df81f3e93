import { crc32 } from 'node:zlib';

/** One decoded event stream message: its string headers and its payload text. */
export interface DecodedEventStreamMessage {
  headers: Record<string, string>;
  payload: string;
  /** Both CRCs matched. */
  valid: boolean;
}

/** Decodes a whole AWS event stream body (only string headers, which is all Bedrock sends). */
export function decodeAwsEventStream(bytes: Uint8Array): DecodedEventStreamMessage[] {
  const buffer = Buffer.from(bytes);
  const messages: DecodedEventStreamMessage[] = [];
  let offset = 0;
  while (offset + 16 <= buffer.length) {
    const total = buffer.readUInt32BE(offset);
    const message = buffer.subarray(offset, offset + total);
    const headersLength = message.readUInt32BE(4);
    const valid =
      message.readUInt32BE(8) === crc32(message.subarray(0, 8)) &&
      message.readUInt32BE(total - 4) === crc32(message.subarray(0, total - 4));
    messages.push({
      headers: decodeHeaders(message.subarray(12, 12 + headersLength)),
      payload: message.subarray(12 + headersLength, total - 4).toString('utf8'),
      valid,
    });
    offset += total;
  }
  return messages;
}

function decodeHeaders(bytes: Buffer): Record<string, string> {
  const headers: Record<string, string> = {};
  let offset = 0;
  while (offset < bytes.length) {
    const nameLength = bytes.readUInt8(offset);
    const name = bytes.subarray(offset + 1, offset + 1 + nameLength).toString('utf8');
    const valueLength = bytes.readUInt16BE(offset + 2 + nameLength);
    const start = offset + 4 + nameLength;
    headers[name] = bytes.subarray(start, start + valueLength).toString('utf8');
    offset = start + valueLength;
  }
  return headers;
}
