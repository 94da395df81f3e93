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
 * off upstream and ends with an error rather than looking complete. The stream ends at `[DONE]`;
 * what follows (normally only the end of the body) is read in the background, so the connection
 * returns to the pool instead of being destroyed.
 */
export async function* parseOpenAIStream(
  body: AsyncIterable<Uint8Array>,
  context: OpenAIStreamContext,
): AsyncGenerator<ChatChunk> {
  const events = decodeSse(body);
  let finished = false;
  let done = false;
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const event = next.value;
      if (event.data === '[DONE]') {
        done = true;
        return;
      }
      const parsed = safeParseJson(event.data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        throw new BadGatewayError({
          message: `${context.provider} sent a stream frame that is not valid JSON`,
          provider: context.provider,
          code: 'invalid_upstream_response',
        });
      }
      if (isRecord(parsed.value.error)) throw context.toError(event.data);
      let chunk = parsed.value as ChatChunk;
      // Some compatible servers send the final usage chunk with `choices` null or missing.
      if ((chunk.choices === null || chunk.choices === undefined) && isRecord(parsed.value.usage)) {
        chunk = { ...chunk, choices: [] };
      }
      if (!Array.isArray(chunk.choices)) {
        throw new BadGatewayError({
          message: `${context.provider} sent a stream frame without choices`,
          provider: context.provider,
          code: 'invalid_upstream_response',
        });
      }
      for (const choice of chunk.choices) if (choice.finish_reason) finished = true;
      yield chunk === parsed.value ? attachRawJson(chunk, event.data) : chunk;
    }
  } finally {
    // After [DONE], the rest is read in the background so the connection can be reused. Stopped
    // early (the consumer left, or an error), reading stops, which aborts the upstream request.
    if (done) void drain(events);
    else await events.return(undefined);
  }
  if (!finished) {
    throw new BadGatewayError({
      message: `${context.provider} ended the stream before it was complete`,
      provider: context.provider,
      code: 'incomplete_stream',
    });
  }
}

/** Reads what is left after `[DONE]`, ignoring it and any failure: the answer is already complete. */
async function drain(events: AsyncGenerator<unknown>): Promise<void> {
  try {
    while (!(await events.next()).done) {
      // ignored
    }
  } catch {
    // nothing to report: the consumer already has the whole answer
  }
}
