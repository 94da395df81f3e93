import type { PassthroughReading } from '../provider.js';
import { isRecord, safeParseJson } from '../safe-json.js';
import { SseDecoder, type SseEvent } from '../sse/sse-decoder.js';
import { SseFrameSplitter } from './sse-frame-splitter.js';

/** What one wire API's reader takes from a passed-through answer (usage, the created id). */
export interface PassthroughBodyReader {
  /** One event of a stream; `false` keeps its frame from the client (e.g. usage it did not ask for). */
  event(event: SseEvent, reading: PassthroughReading): boolean | undefined;
  /** A whole JSON answer. */
  json(value: Record<string, unknown>, reading: PassthroughReading): void;
}

export interface MeteredBody {
  body: AsyncIterable<Uint8Array>;
  /** Filled in by the reader as `body` is read. */
  reading: PassthroughReading;
}

/** The largest JSON answer read for accounting; bigger ones pass through unread. */
const maxReadJsonBytes = 32 * 1024 * 1024;

/**
 * Passes an upstream body through while a reader looks at it: an event stream frame by frame
 * (bytes unchanged, each frame decoded once for the reader), a JSON answer chunk by chunk and read
 * whole at its end. A reader that fails never breaks the pass-through.
 */
export function meterPassthroughBody(
  source: AsyncIterable<Uint8Array>,
  stream: boolean,
  reader: PassthroughBodyReader,
): MeteredBody {
  const reading: PassthroughReading = {};
  return {
    body: stream ? meterEvents(source, reader, reading) : meterJson(source, reader, reading),
    reading,
  };
}

async function* meterEvents(
  source: AsyncIterable<Uint8Array>,
  reader: PassthroughBodyReader,
  reading: PassthroughReading,
): AsyncGenerator<Uint8Array> {
  const splitter = new SseFrameSplitter();
  let decoder = new SseDecoder();
  const keep = (frame: Uint8Array): boolean => {
    try {
      let kept = true;
      for (const event of decoder.push(frame)) if (reader.event(event, reading) === false) kept = false;
      return kept;
    } catch {
      decoder = new SseDecoder(); // an oversized or broken frame: pass it on unread
      return true;
    }
  };
  for await (const chunk of source) {
    for (const frame of splitter.push(chunk)) if (keep(frame)) yield frame;
  }
  const tail = splitter.end();
  if (tail) yield tail;
}

async function* meterJson(
  source: AsyncIterable<Uint8Array>,
  reader: PassthroughBodyReader,
  reading: PassthroughReading,
): AsyncGenerator<Uint8Array> {
  let parts: Uint8Array[] | undefined = [];
  let size = 0;
  for await (const chunk of source) {
    if (parts) {
      size += chunk.length;
      if (size > maxReadJsonBytes) parts = undefined;
      else parts.push(chunk);
    }
    yield chunk;
  }
  if (!parts) return;
  const parsed = safeParseJson(Buffer.concat(parts).toString('utf8'));
  if (!parsed.ok || !isRecord(parsed.value)) return;
  try {
    reader.json(parsed.value, reading);
  } catch {
    // Accounting misses this answer; the client already has it.
  }
}
