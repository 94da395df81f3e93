import { encodeSseData, SSE_DONE, SwitchyardError, toJsonText } from '@switchyard/core';
import { renderOpenAIError } from './openai-error-body.js';

export interface SseResponseOptions {
  headers?: Record<string, string>;
  /** Called with an error that ended the stream after it started (already sent to the client). */
  onError?: (error: unknown) => void;
  secrets?: ReadonlyArray<string | undefined>;
}

const encoder = new TextEncoder();

/**
 * Writes chunks (chat or text-completion) as OpenAI's SSE stream. Each frame is written as received when it is
 * unchanged from upstream (pass-through), pulled only when the client can take more
 * (backpressure), and a client that goes away cancels the stream, which aborts the upstream
 * request. An error after the first byte ends the stream with an `{"error":…}` frame, as OpenAI does.
 */
export function sseResponse(stream: AsyncIterable<object>, options: SseResponseOptions = {}): Response {
  const iterator = stream[Symbol.asyncIterator]();
  let finished = false;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            finished = true;
            controller.enqueue(encoder.encode(SSE_DONE));
            controller.close();
            return;
          }
          controller.enqueue(encoder.encode(encodeSseData(toJsonText(next.value))));
        } catch (error) {
          finished = true;
          if (!isClientAbort(error)) options.onError?.(error);
          const rendered = renderOpenAIError(error, options.secrets);
          controller.enqueue(encoder.encode(encodeSseData(JSON.stringify(rendered.body))));
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
      ...options.headers,
    },
  });
}

function isClientAbort(error: unknown): boolean {
  return SwitchyardError.isInstance(error) && error.status === 499;
}
