import { SwitchyardError } from '@switchyard/core';
import { byteStream } from './byte-stream.js';

const encoder = new TextEncoder();

async function* encoded(frames: AsyncIterable<string>): AsyncGenerator<Uint8Array> {
  for await (const frame of frames) if (frame !== '') yield encoder.encode(frame);
}

/**
 * The one SSE writer behind every streaming route: frames are pulled only when the client can take
 * more (backpressure), and a client that goes away cancels the stream, which ends the frame
 * generator and so aborts the upstream request. Each API's module only turns its events into frames.
 */
export function eventStreamResponse(
  frames: AsyncIterable<string>,
  headers: Record<string, string> = {},
): Response {
  return new Response(byteStream(encoded(frames)), {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
      ...headers,
    },
  });
}

/** The client went away: nothing to report or send. */
export function isClientAbort(error: unknown): boolean {
  return SwitchyardError.isInstance(error) && error.status === 499;
}
