import { type ChatChunk, encodeSseEvent } from '@switchyard/core';
import { renderAnthropicError } from '../anthropic/anthropic-error-body.js';
import type { AnthropicStreamEvent } from '../anthropic/anthropic-message-types.js';
import type { AnthropicEventTranslator } from '../anthropic/chat-stream-to-anthropic-events.js';
import { eventStreamResponse, isClientAbort } from './event-stream-response.js';

export interface AnthropicSseResponseOptions {
  /** Called with an error that ended the stream after it started (already sent to the client). */
  onError?: (error: unknown) => void;
  secrets?: ReadonlyArray<string | undefined>;
  requestId?: string;
}

function encode(events: ReadonlyArray<AnthropicStreamEvent>): string {
  return events
    .map((item) => encodeSseEvent({ event: item.event, data: JSON.stringify(item.data) }))
    .join('');
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
  return eventStreamResponse(anthropicFrames(stream, translator, options));
}

async function* anthropicFrames(
  stream: AsyncIterable<ChatChunk>,
  translator: AnthropicEventTranslator,
  options: AnthropicSseResponseOptions,
): AsyncGenerator<string> {
  try {
    // Some chunks (an empty role delta already announced) become no events, hence no frame.
    for await (const chunk of stream) yield encode(translator.translate(chunk));
    yield encode(translator.finish());
  } catch (error) {
    if (isClientAbort(error)) return;
    options.onError?.(error);
    const rendered = renderAnthropicError(error, {
      ...(options.secrets ? { secrets: options.secrets } : {}),
      ...(options.requestId ? { requestId: options.requestId } : {}),
    });
    yield encode([{ event: 'error', data: { ...rendered.body } }]);
  }
}
