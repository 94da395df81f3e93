import { BadGatewayError } from '../errors/error-classes.js';

export interface SseEvent {
  /** The `event:` field; undefined means the default `message` type. */
  event?: string;
  data: string;
  id?: string;
  retry?: number;
}

export interface SseDecoderOptions {
  /** Largest event (data plus the line being read) accepted, in UTF-16 code units. Default 16 MiB. */
  maxEventSize?: number;
}

const DEFAULT_MAX_EVENT_SIZE = 16 * 1024 * 1024;
const digitsOnly = /^\d+$/;

/**
 * Incremental decoder for the WHATWG server-sent events format: bytes in, events out. Handles
 * chunks split anywhere (inside a UTF-8 sequence or between CR and LF), LF / CR / CRLF line ends,
 * comments, multi-line data, a leading BOM, and caps the size of one event.
 */
export class SseDecoder {
  private readonly textDecoder = new TextDecoder('utf-8');
  private readonly maxEventSize: number;
  private partial = '';
  private skipLeadingLf = false;
  private started = false;
  private data: string[] = [];
  private dataSize = 0;
  private eventType: string | undefined;
  private lastId: string | undefined;
  private retry: number | undefined;

  constructor(options: SseDecoderOptions = {}) {
    this.maxEventSize = options.maxEventSize ?? DEFAULT_MAX_EVENT_SIZE;
  }

  /** Feeds a chunk; returns the events it completed (often none or one). */
  push(chunk: Uint8Array | string): SseEvent[] {
    let text = typeof chunk === 'string' ? chunk : this.textDecoder.decode(chunk, { stream: true });
    if (!this.started && text.length > 0) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (this.skipLeadingLf && text.length > 0) {
      if (text.charCodeAt(0) === 10) text = text.slice(1);
      this.skipLeadingLf = false;
    }
    const events: SseEvent[] = [];
    const input = this.partial === '' ? text : this.partial + text;
    let position = 0;
    let nextLf = input.indexOf('\n');
    let nextCr = input.indexOf('\r');
    while (nextLf !== -1 || nextCr !== -1) {
      const end = nextCr === -1 || (nextLf !== -1 && nextLf < nextCr) ? nextLf : nextCr;
      const line = input.slice(position, end);
      let after = end + 1;
      if (end === nextCr) {
        if (after === input.length) this.skipLeadingLf = true;
        else if (input.charCodeAt(after) === 10) after += 1;
      }
      position = after;
      if (nextLf !== -1 && nextLf < position) nextLf = input.indexOf('\n', position);
      if (nextCr !== -1 && nextCr < position) nextCr = input.indexOf('\r', position);
      const event = this.processLine(line);
      if (event) events.push(event);
    }
    this.partial = position === 0 ? input : input.slice(position);
    this.checkSize(this.partial.length);
    return events;
  }

  /** Ends the stream. Per the spec, an event not terminated by a blank line is discarded. */
  end(): SseEvent[] {
    const tail = this.textDecoder.decode();
    const events = tail === '' ? [] : this.push(tail);
    this.partial = '';
    this.resetEvent();
    return events;
  }

  private processLine(line: string): SseEvent | undefined {
    if (line === '') return this.dispatch();
    if (line.charCodeAt(0) === 58 /* ':' */) return undefined;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.charCodeAt(0) === 32 /* ' ' */) value = value.slice(1);
    switch (field) {
      case 'data':
        this.checkSize(this.dataSize + value.length);
        this.data.push(value);
        this.dataSize += value.length + 1;
        break;
      case 'event':
        this.eventType = value;
        break;
      case 'id':
        if (!value.includes('\0')) this.lastId = value;
        break;
      case 'retry':
        if (digitsOnly.test(value)) this.retry = Number(value);
        break;
      default:
        break;
    }
    return undefined;
  }

  private dispatch(): SseEvent | undefined {
    if (this.data.length === 0) {
      this.eventType = undefined;
      return undefined;
    }
    const event: SseEvent = { data: this.data.length === 1 ? this.data[0]! : this.data.join('\n') };
    if (this.eventType !== undefined) event.event = this.eventType;
    if (this.lastId !== undefined) event.id = this.lastId;
    if (this.retry !== undefined) event.retry = this.retry;
    this.resetEvent();
    return event;
  }

  private resetEvent(): void {
    this.data = [];
    this.dataSize = 0;
    this.eventType = undefined;
    this.retry = undefined;
  }

  private checkSize(size: number): void {
    if (size + this.dataSize > this.maxEventSize) {
      throw new BadGatewayError({
        message: `Upstream sent a server-sent event larger than ${this.maxEventSize} characters`,
        code: 'sse_event_too_large',
        retryable: false,
      });
    }
  }
}

/** Decodes a byte stream into events; the decoder's size cap applies. */
export async function* decodeSse(
  body: AsyncIterable<Uint8Array | string>,
  options?: SseDecoderOptions,
): AsyncGenerator<SseEvent> {
  const decoder = new SseDecoder(options);
  for await (const chunk of body) {
    for (const event of decoder.push(chunk)) yield event;
  }
  for (const event of decoder.end()) yield event;
}
