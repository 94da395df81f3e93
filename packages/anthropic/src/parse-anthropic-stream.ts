import { BadGatewayError, type ChatChunk, decodeSse } from '@switchyard/core';
import {
  type AnthropicStreamContext,
  createAnthropicStreamTranslator,
} from './anthropic-stream-translator.js';

/**
 * Parses Anthropic's Messages SSE stream into OpenAI chat completion chunks (see
 * `createAnthropicStreamTranslator`). An `event: error` ends the stream with its core error; a
 * stream that ends before `message_stop` was cut off and ends with one too. What follows
 * `message_stop` is read in the background, so the connection returns to the pool.
 */
export async function* parseAnthropicStream(
  body: AsyncIterable<Uint8Array>,
  context: AnthropicStreamContext,
): AsyncGenerator<ChatChunk> {
  const events = decodeSse(body);
  const translator = createAnthropicStreamTranslator(context);
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      yield* translator.translate(next.value);
      if (translator.done) return;
    }
  } finally {
    // After message_stop, the rest is read in the background so the connection can be reused.
    // Stopped early (the consumer left, or an error), reading stops, which aborts the request.
    if (translator.done) void drain(events);
    else await events.return(undefined);
  }
  throw new BadGatewayError({
    message: `${context.provider} ended the stream before it was complete`,
    provider: context.provider,
    code: 'incomplete_stream',
  });
}

/** Reads what is left after `message_stop`, ignoring it and any failure: the answer is complete. */
async function drain(events: AsyncGenerator<unknown>): Promise<void> {
  try {
    while (!(await events.next()).done) {
      // ignored
    }
  } catch {
    // nothing to report: the consumer already has the whole answer
  }
}
