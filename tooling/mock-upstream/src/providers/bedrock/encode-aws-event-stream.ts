import { crc32 } from 'node:zlib';

/**
 * One message of the AWS event stream encoding (application/vnd.amazon.eventstream): a prelude
 * (total length, headers length, prelude CRC32), string headers, the payload and a message CRC32,
 * all big-endian. Only string headers (type 7) are written, which is all Bedrock sends.
 */
export function encodeAwsEventStreamMessage(headers: Record<string, string>, payload: string): Buffer {
  const headerBytes = Buffer.concat(
    Object.entries(headers).map(([name, value]) => encodeHeader(name, value)),
  );
  const payloadBytes = Buffer.from(payload, 'utf8');
  const total = 12 + headerBytes.length + payloadBytes.length + 4;
  const message = Buffer.alloc(total);
  message.writeUInt32BE(total, 0);
  message.writeUInt32BE(headerBytes.length, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  headerBytes.copy(message, 12);
  payloadBytes.copy(message, 12 + headerBytes.length);
  message.writeUInt32BE(crc32(message.subarray(0, total - 4)), total - 4);
  return message;
}

function encodeHeader(name: string, value: string): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const valueBytes = Buffer.from(value, 'utf8');
  const header = Buffer.alloc(1 + nameBytes.length + 1 + 2 + valueBytes.length);
  header.writeUInt8(nameBytes.length, 0);
  nameBytes.copy(header, 1);
  header.writeUInt8(7, 1 + nameBytes.length);
  header.writeUInt16BE(valueBytes.length, 2 + nameBytes.length);
  valueBytes.copy(header, 4 + nameBytes.length);
  return header;
}

/** A Converse stream event: `:event-type` names it, the payload is its JSON. */
export function encodeBedrockEvent(eventType: string, payload: unknown): Buffer {
  return encodeAwsEventStreamMessage(
    { ':event-type': eventType, ':content-type': 'application/json', ':message-type': 'event' },
    JSON.stringify(payload),
  );
}

/** A stream exception (`:message-type: exception`), e.g. `throttlingException`, with `{message}`. */
export function encodeBedrockException(exceptionType: string, message: string): Buffer {
  return encodeAwsEventStreamMessage(
    { ':exception-type': exceptionType, ':content-type': 'application/json', ':message-type': 'exception' },
    JSON.stringify({ message }),
  );
}
