import {
  attachRawJson,
  BadGatewayError,
  type ChatChunk,
  decodeSse,
  isRecord,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';

export interface OpenAIStreamContext {
  provider: string;
  /** Turns an `{"error":…}` frame into a core error. */
  toError: (body: string) => SwitchyardError;
}

/**
 * Parses OpenAI's chat completion SSE stream into canonical chunks, each linked to its original
 * frame text for pass-through. A stream that ends before `[DONE]` without any finish reason was cut
 * off upstream and ends with an error rather than looking complete.
 */
export async function* parseOpenAIStream(
  body: AsyncIterable<Uint8Array>,
  context: OpenAIStreamContext,
): AsyncGenerator<ChatChunk> {
  let finished = false;
  for await (const event of decodeSse(body)) {
    if (event.data === '[DONE]') return;
    const parsed = safeParseJson(event.data);
    if (!parsed.ok || !isRecord(parsed.value)) {
      throw new BadGatewayError({
        message: `${context.provider} sent a stream frame that is not valid JSON`,
        provider: context.provider,
        code: 'invalid_upstream_response',
      });
    }
    if (isRecord(parsed.value.error)) throw context.toError(event.data);
    const chunk = parsed.value as ChatChunk;
    if (!Array.isArray(chunk.choices)) {
      throw new BadGatewayError({
        message: `${context.provider} sent a stream frame without choices`,
        provider: context.provider,
        code: 'invalid_upstream_response',
      });
    }
    for (const choice of chunk.choices) if (choice.finish_reason) finished = true;
    yield attachRawJson(chunk, event.data);
  }
  if (!finished) {
    throw new BadGatewayError({
      message: `${context.provider} ended the stream before it was complete`,
      provider: context.provider,
      code: 'incomplete_stream',
    });
  }
}
