import {
  BadGatewayError,
  type ChatChunk,
  type ChatChunkDelta,
  isRecord,
  safeParseJson,
} from '@switchyard/core';
import { bedrockStreamException } from './bedrock-error.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import type { EventStreamMessage } from './decode-aws-event-stream.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';

export interface BedrockStreamContext {
  provider: string;
  model: string;
  /** One id and one `created` (Unix seconds) for every chunk of the stream. */
  id: string;
  created: number;
  /** Send a final usage chunk (`choices: []`), as `stream_options.include_usage` asks. */
  includeUsage: boolean;
  /** The JSON-mode tool whose input streams as content. */
  jsonToolName?: string;
  secrets: ReadonlyArray<string | undefined>;
}

type JsonObject = Record<string, unknown>;
const decoder = new TextDecoder();

/**
 * Turns ConverseStream events into chat completion chunks: a first chunk with the assistant role,
 * text deltas as content, reasoningContent deltas as reasoning_content (signatures as
 * thinking_blocks), a toolUse block as a tool call (a header delta with id, type and name at
 * contentBlockStart, then its input fragments), the mapped stop reason at messageStop, and the usage
 * of the metadata event when asked. An exception message throws the matching core error; a stream
 * that ends before messageStop throws BadGatewayError `incomplete_stream`.
 */
export async function* parseBedrockStream(
  messages: AsyncIterable<EventStreamMessage>,
  context: BedrockStreamContext,
): AsyncGenerator<ChatChunk> {
  const state = createStreamState(context);
  for await (const message of messages) {
    const event = readEvent(message, context);
    yield* state.handle(event.type, event.payload);
  }
  if (!state.finished()) {
    throw new BadGatewayError({
      message: `${context.provider} ended the stream before it was complete`,
      provider: context.provider,
      model: context.model,
      code: 'incomplete_stream',
    });
  }
}

function readEvent(
  message: EventStreamMessage,
  context: BedrockStreamContext,
): { type: string; payload: JsonObject } {
  const kind = message.headers[':message-type'];
  const text = decoder.decode(message.payload);
  if (kind === 'exception') {
    throw bedrockStreamException(
      String(message.headers[':exception-type'] ?? 'internalServerException'),
      text,
      context,
    );
  }
  if (kind === 'error') {
    const code = String(message.headers[':error-code'] ?? 'InternalServerException');
    throw bedrockStreamException(
      code,
      JSON.stringify({ message: String(message.headers[':error-message'] ?? '') }),
      context,
    );
  }
  const parsed = safeParseJson(text);
  if (!parsed.ok || !isRecord(parsed.value)) {
    throw new BadGatewayError({
      message: `${context.provider} sent a stream event that is not valid JSON`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  return { type: String(message.headers[':event-type'] ?? ''), payload: parsed.value };
}

/** The per-request state machine; lives in this closure only. */
function createStreamState(context: BedrockStreamContext) {
  let started = false;
  let finished = false;
  let nextToolIndex = 0;
  const toolIndexByBlock = new Map<number, number>();
  const jsonBlocks = new Set<number>();

  const chunk = (delta: ChatChunkDelta, finishReason: string | null = null): ChatChunk => ({
    id: context.id,
    object: 'chat.completion.chunk',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, delta, finish_reason: finishReason }],
  });

  function* open(): Generator<ChatChunk> {
    if (started) return;
    started = true;
    yield chunk({ role: 'assistant', content: '' });
  }

  function toolIndexOf(block: number): number {
    let index = toolIndexByBlock.get(block);
    if (index === undefined) {
      index = nextToolIndex++;
      toolIndexByBlock.set(block, index);
    }
    return index;
  }

  function* blockStart(block: number, start: JsonObject): Generator<ChatChunk> {
    const toolUse = isRecord(start.toolUse) ? start.toolUse : undefined;
    if (!toolUse) return;
    if (toolUse.name === context.jsonToolName) {
      jsonBlocks.add(block);
      return;
    }
    const call = {
      index: toolIndexOf(block),
      id: String(toolUse.toolUseId ?? ''),
      type: 'function' as const,
    };
    yield chunk({ tool_calls: [{ ...call, function: { name: String(toolUse.name ?? ''), arguments: '' } }] });
  }

  function* blockDelta(block: number, delta: JsonObject): Generator<ChatChunk> {
    if (typeof delta.text === 'string') yield chunk({ content: delta.text });
    const toolUse = isRecord(delta.toolUse) ? delta.toolUse : undefined;
    if (typeof toolUse?.input === 'string') {
      if (jsonBlocks.has(block)) yield chunk({ content: toolUse.input });
      else
        yield chunk({ tool_calls: [{ index: toolIndexOf(block), function: { arguments: toolUse.input } }] });
    }
    const reasoning = isRecord(delta.reasoningContent) ? delta.reasoningContent : undefined;
    if (typeof reasoning?.text === 'string') yield chunk({ reasoning_content: reasoning.text });
    if (typeof reasoning?.signature === 'string') {
      yield chunk({ thinking_blocks: [{ type: 'thinking', thinking: '', signature: reasoning.signature }] });
    }
    if (typeof reasoning?.redactedContent === 'string') {
      yield chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: reasoning.redactedContent }] });
    }
  }

  function* handle(type: string, payload: JsonObject): Generator<ChatChunk> {
    if (type === 'metadata') {
      const usage = convertBedrockUsage(isRecord(payload.usage) ? payload.usage : undefined);
      if (context.includeUsage && usage) yield { ...chunk({}), choices: [], usage };
      return;
    }
    yield* open();
    const block = typeof payload.contentBlockIndex === 'number' ? payload.contentBlockIndex : 0;
    if (type === 'contentBlockStart' && isRecord(payload.start)) yield* blockStart(block, payload.start);
    else if (type === 'contentBlockDelta' && isRecord(payload.delta)) yield* blockDelta(block, payload.delta);
    else if (type === 'messageStop') {
      finished = true;
      const reason = mapBedrockStopReason(
        typeof payload.stopReason === 'string' ? payload.stopReason : undefined,
      );
      yield chunk({}, reason === 'tool_calls' && toolIndexByBlock.size === 0 ? 'stop' : reason);
    }
  }

  return { handle, finished: () => finished };
}
