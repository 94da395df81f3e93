import type { MockProvider, RouteContext } from './provider.js';
import { modelOfRequest } from './recorded-request.js';
import { responseHeaders } from './send-json.js';

export interface EventStreamFrame {
  /** SSE `event:` name; OpenAI sends data-only frames, Anthropic named ones. */
  event?: string;
  data: string;
}

export function formatEventStreamFrame(frame: EventStreamFrame): string {
  const eventLine = frame.event === undefined ? '' : `event: ${frame.event}\n`;
  const dataLines = frame.data
    .split('\n')
    .map((line) => `data: ${line}\n`)
    .join('');
  return `${eventLine}${dataLines}\n`;
}

/**
 * A server-sent-events response that applies the stream faults of the request's rule:
 * `chunkDelayMs` between frames, `hangAfterFirstChunk`, `malformed` (an invalid data frame, the
 * next frame cut in half, after the first frame) and `streamErrorStatus` (the provider's error
 * frame after the first frame, then the end). Writes wait for `drain` when the client is slow.
 */
export class EventStream {
  private sent = 0;
  private malformedSent = false;

  /**
   * @param errorFrame the frame a scripted `streamErrorStatus` sends, when the route's API has its
   *   own (the Responses API's `error` event); default the provider's.
   */
  constructor(
    private readonly context: RouteContext,
    private readonly errorFrame: MockProvider['streamError'] = context.provider.streamError,
  ) {}

  open(): void {
    this.context.channel.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      ...responseHeaders(this.context),
    });
  }

  /** Sends one frame; false when the stream is over (client gone, or told to hang). */
  async send(frame: EventStreamFrame): Promise<boolean> {
    const { channel, rule } = this.context;
    if (this.sent > 0 && rule?.chunkDelayMs) {
      if (!(await channel.pause(rule.chunkDelayMs))) {
        return false;
      }
    }
    if (this.sent === 1 && !(await this.sendMalformedIfScripted(frame))) {
      return false;
    }
    if (this.sent === 1 && rule?.streamErrorStatus !== undefined && this.errorFrame) {
      return this.failMidStream(rule.streamErrorStatus, this.errorFrame);
    }
    if (!(await channel.write(formatEventStreamFrame(frame)))) {
      return false;
    }
    this.sent += 1;
    if (this.sent === 1 && rule?.hangAfterFirstChunk) {
      await channel.hang();
      return false;
    }
    return true;
  }

  async end(): Promise<void> {
    if (await this.sendMalformedIfScripted({ data: '{"error":' })) {
      this.context.channel.end();
    }
  }

  /** Sends the provider's in-stream error for `status` and ends the stream. */
  private async failMidStream(
    status: number,
    errorFrame: NonNullable<MockProvider['streamError']>,
  ): Promise<false> {
    const { channel, request } = this.context;
    const frame = errorFrame({
      status,
      method: request.method,
      path: request.path,
      model: modelOfRequest(request),
    });
    if (await channel.write(formatEventStreamFrame(frame))) {
      channel.end();
    }
    return false;
  }

  private async sendMalformedIfScripted(next: EventStreamFrame): Promise<boolean> {
    if (!this.context.rule?.malformed || this.malformedSent) {
      return this.context.channel.isOpen;
    }
    this.malformedSent = true;
    const broken = next.data.slice(0, Math.max(1, Math.floor(next.data.length / 2)));
    return this.context.channel.write(formatEventStreamFrame({ ...next, data: broken }));
  }
}
