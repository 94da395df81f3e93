import {
  BadGatewayError,
  type ChatChunk,
  decodeSse,
  isRecord,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import { convertMistralUsage } from './convert-mistral-usage.js';
import { createMistralStreamState, translateMistralChunk } from './translate-mistral-chunk.js';

export interface MistralStreamContext {
  provider: string;
  /** The upstream model id, used until the stream names its own. */
  model: string;
  /** The caller asked for usage (`stream_options.include_usage`): one usage chunk ends the stream. */
  includeUsage: boolean;
  /** Turns an error frame (its JSON text) into a core error. */
  toError: (body: string) => SwitchyardError;
}

/**
 * Parses Mistral's chat completion SSE stream into canonical chunks (see `translateMistralChunk`).
 * Mistral always puts usage on its last chunk; it is reported once, in a final chunk without
 * choices, only when the caller asked for it. An error frame (Mistral's envelope, OpenAI's
 * `{"error":…}`, or an `event: error`) throws; so does a stream that ends without a finish reason
 * (BadGatewayError `incomplete_stream`). After `[DONE]` the rest of the body is read in the
 * background so the connection returns to the pool.
 */
export async function* parseMistralStream(
  body: AsyncIterable<Uint8Array>,
  context: MistralStreamContext,
): AsyncGenerator<ChatChunk> {
  const events = decodeSse(body);
  const state = createMistralStreamState(context.model);
  let done = false;
  try {
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const event = next.value;
      if (event.data === '[DONE]') {
        done = true;
        break;
      }
      const frame = readFrame(event.event, event.data, context);
      yield* translateMistralChunk(frame, event.data, state, {
        provider: context.provider,
        model: context.model,
      });
    }
  } finally {
    if (done) void drain(events);
    else await events.return(undefined);
  }
  if (!state.finished) {
    throw new BadGatewayError({
      message: `${context.provider} ended the stream before it was complete`,
      provider: context.provider,
      model: context.model,
      code: 'incomplete_stream',
    });
  }
  const usage = context.includeUsage ? convertMistralUsage(state.usage) : undefined;
  if (usage) {
    yield {
      id: state.id ?? '',
      object: 'chat.completion.chunk',
      created: state.created,
      model: state.model,
      choices: [],
      usage,
    };
  }
}

function readFrame(
  eventType: string | undefined,
  data: string,
  context: MistralStreamContext,
): Record<string, unknown> {
  if (eventType === 'error') throw context.toError(data);
  const parsed = safeParseJson(data);
  if (!parsed.ok || !isRecord(parsed.value)) {
    throw new BadGatewayError({
      message: `${context.provider} sent a stream frame that is not valid JSON`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  const frame = parsed.value;
  if (frame.object === 'error' || isRecord(frame.error)) throw context.toError(data);
  if (!Array.isArray(frame.choices)) {
    if (isRecord(frame.usage)) return { ...frame, choices: [] };
    throw new BadGatewayError({
      message: `${context.provider} sent a stream frame without choices`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  return frame;
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
