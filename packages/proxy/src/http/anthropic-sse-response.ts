import { type ChatChunk, encodeSseEvent, SwitchyardError } from '@switchyard/core';
import { renderAnthropicError } from '../anthropic/anthropic-error-body.js';
import type { AnthropicStreamEvent } from '../anthropic/anthropic-message-types.js';
import type { AnthropicEventTranslator } from '../anthropic/chat-stream-to-anthropic-events.js';

export interface AnthropicSseResponseOptions {
  /** Called with an error that ended the stream after it started (already sent to the client). */
  onError?: (error: unknown) => void;
  secrets?: ReadonlyArray<string | undefined>;
  requestId?: string;
}

const encoder = new TextEncoder();

function encode(events: ReadonlyArray<AnthropicStreamEvent>): Uint8Array {
  return encoder.encode(
    events.map((item) => encodeSseEvent({ event: item.event, data: JSON.stringify(item.data) })).join(''),
  );
}

/**
 * Writes canonical chunks as Anthropic's SSE stream through a translator. Chunks are pulled only
 * when the client can take more (backpressure); a client that goes away cancels the stream, which
 * aborts the upstream request. An error after the first byte ends the stream with `event: error`
 * carrying Anthropic's error envelope, as Anthropic does.
 */
export function anthropicSseResponse(
  stream: AsyncIterable<ChatChunk>,
  translator: AnthropicEventTranslator,
  options: AnthropicSseResponseOptions = {},
): Response {
  const iterator = stream[Symbol.asyncIterator]();
  let finished = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          // Some chunks (an empty role delta already announced) become no events: keep pulling.
          for (;;) {
            const next = await iterator.next();
            if (next.done) {
              finished = true;
              controller.enqueue(encode(translator.finish()));
              controller.close();
              return;
            }
            const events = translator.translate(next.value);
            if (events.length > 0) {
              controller.enqueue(encode(events));
              return;
            }
          }
        } catch (error) {
          finished = true;
          if (!isClientAbort(error)) options.onError?.(error);
          const rendered = renderAnthropicError(error, {
            ...(options.secrets ? { secrets: options.secrets } : {}),
            ...(options.requestId ? { requestId: options.requestId } : {}),
          });
          controller.enqueue(encode([{ event: 'error', data: { ...rendered.body } }]));
          controller.close();
        }
      },
      async cancel() {
        if (!finished) {
          finished = true;
          await iterator.return?.();
        }
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    },
  });
}

function isClientAbort(error: unknown): boolean {
  return SwitchyardError.isInstance(error) && error.status === 499;
}
