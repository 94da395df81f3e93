import type { RouteContext } from '../../core/provider.js';
import { responseHeaders } from '../../core/send-json.js';
import { bedrockStreamException } from './bedrock-error.js';
import { encodeBedrockEvent, encodeBedrockException } from './encode-aws-event-stream.js';

/**
 * A ConverseStream response in the binary AWS event stream encoding, applying the rule's stream
 * faults as the SSE writer does: `chunkDelayMs` between messages, `hangAfterFirstChunk`,
 * `malformed` (after the first message, one whose CRC does not match) and `streamErrorStatus`
 * (after the first message, Bedrock's exception for that status, then the end).
 */
export class BedrockEventStream {
  private sent = 0;

  constructor(private readonly context: RouteContext) {}

  open(): void {
    this.context.channel.writeHead(200, {
      'content-type': 'application/vnd.amazon.eventstream',
      ...responseHeaders(this.context),
    });
  }

  /** Sends one event; false when the stream is over (client gone, told to hang, or failed). */
  async send(eventType: string, payload: unknown): Promise<boolean> {
    const { channel, rule } = this.context;
    if (this.sent > 0 && rule?.chunkDelayMs && !(await channel.pause(rule.chunkDelayMs))) {
      return false;
    }
    if (
      this.sent === 1 &&
      rule?.malformed &&
      !(await channel.write(corrupted(encodeBedrockEvent(eventType, payload))))
    ) {
      return false;
    }
    if (this.sent === 1 && rule?.streamErrorStatus !== undefined) {
      await this.fail(rule.streamErrorStatus);
      return false;
    }
    if (!(await channel.write(encodeBedrockEvent(eventType, payload)))) {
      return false;
    }
    this.sent += 1;
    if (this.sent === 1 && rule?.hangAfterFirstChunk) {
      await channel.hang();
      return false;
    }
    return true;
  }

  /** Ends the stream with an exception message (`throttlingException`, …). */
  async fail(status: number, exceptionType?: string): Promise<void> {
    const exception = bedrockStreamException(status);
    const type = exceptionType ?? exception.exceptionType;
    if (await this.context.channel.write(encodeBedrockException(type, exception.message))) {
      this.context.channel.end();
    }
  }

  end(): void {
    this.context.channel.end();
  }
}

/** The same message with its trailing CRC changed, which a decoder must refuse. */
function corrupted(message: Buffer): Buffer {
  const copy = Buffer.from(message);
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0xff;
  return copy;
}
