import { encodeSseEvent, type ResponseStreamEvent, SwitchyardError } from '@switchyard/core';
import { renderOpenAIError } from './openai-error-body.js';

export interface ResponsesSseOptions {
  /** Called with an error that ended the stream after it started (already sent to the client). */
  onError?: (error: unknown) => void;
  secrets?: ReadonlyArray<string | undefined>;
}

const encoder = new TextEncoder();

/**
 * Writes Responses API events as SSE, each with its `event: <type>` line (the Responses API sends
 * no `[DONE]`). Events are pulled only when the client can take more (backpressure), and a client
 * that goes away cancels the stream, which aborts the upstream request. Model failures arrive as
 * `response.failed` events; anything thrown after the first byte becomes an `error` event.
 */
export function responsesSseResponse(
  events: AsyncIterable<ResponseStreamEvent>,
  options: ResponsesSseOptions = {},
): Response {
  const iterator = events[Symbol.asyncIterator]();
  let finished = false;
  let nextSequence = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await iterator.next();
          if (next.done) {
            finished = true;
            controller.close();
            return;
          }
          nextSequence = next.value.sequence_number + 1;
          const frame = encodeSseEvent({ event: next.value.type, data: JSON.stringify(next.value) });
          controller.enqueue(encoder.encode(frame));
        } catch (error) {
          finished = true;
          if (!isClientAbort(error)) options.onError?.(error);
          const { error: rendered } = renderOpenAIError(error, options.secrets).body;
          const event = {
            type: 'error',
            code: rendered.code ?? rendered.type,
            message: rendered.message,
            param: rendered.param,
            sequence_number: nextSequence,
          };
          controller.enqueue(encoder.encode(encodeSseEvent({ event: 'error', data: JSON.stringify(event) })));
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
