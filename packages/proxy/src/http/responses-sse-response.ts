import { encodeSseEvent, type ResponseStreamEvent } from '@switchyard/core';
import { eventStreamResponse, isClientAbort } from './event-stream-response.js';
import { renderOpenAIError } from './openai-error-body.js';

export interface ResponsesSseOptions {
  /** Called with an error that ended the stream after it started (already sent to the client). */
  onError?: (error: unknown) => void;
  secrets?: ReadonlyArray<string | undefined>;
}

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
  return eventStreamResponse(responsesFrames(events, options));
}

async function* responsesFrames(
  events: AsyncIterable<ResponseStreamEvent>,
  options: ResponsesSseOptions,
): AsyncGenerator<string> {
  let nextSequence = 0;
  try {
    for await (const event of events) {
      nextSequence = event.sequence_number + 1;
      yield encodeSseEvent({ event: event.type, data: JSON.stringify(event) });
    }
  } catch (error) {
    if (isClientAbort(error)) return;
    options.onError?.(error);
    const { error: rendered } = renderOpenAIError(error, options.secrets).body;
    const event = {
      type: 'error',
      code: rendered.code ?? rendered.type,
      message: rendered.message,
      param: rendered.param,
      sequence_number: nextSequence,
    };
    yield encodeSseEvent({ event: 'error', data: JSON.stringify(event) });
  }
}
