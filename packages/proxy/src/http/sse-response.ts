import { encodeSseData, SSE_DONE, toJsonText } from '@switchyard/core';
import { eventStreamResponse, isClientAbort } from './event-stream-response.js';
import { renderOpenAIError } from './openai-error-body.js';

export interface SseResponseOptions {
  headers?: Record<string, string>;
  /** Called with an error that ended the stream after it started (already sent to the client). */
  onError?: (error: unknown) => void;
  secrets?: ReadonlyArray<string | undefined>;
}

/**
 * Writes chunks (chat or text-completion) as OpenAI's SSE stream. Each frame is written as received when it is
 * unchanged from upstream (pass-through), pulled only when the client can take more
 * (backpressure), and a client that goes away cancels the stream, which aborts the upstream
 * request. An error after the first byte ends the stream with an `{"error":…}` frame, as OpenAI does.
 */
export function sseResponse(stream: AsyncIterable<object>, options: SseResponseOptions = {}): Response {
  return eventStreamResponse(openAIFrames(stream, options), options.headers);
}

async function* openAIFrames(
  stream: AsyncIterable<object>,
  options: SseResponseOptions,
): AsyncGenerator<string> {
  try {
    for await (const chunk of stream) yield encodeSseData(toJsonText(chunk));
    yield SSE_DONE;
  } catch (error) {
    if (isClientAbort(error)) return;
    options.onError?.(error);
    yield encodeSseData(JSON.stringify(renderOpenAIError(error, options.secrets).body));
  }
}
