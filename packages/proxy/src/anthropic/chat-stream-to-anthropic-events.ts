import type { ChatChunk, ChatChunkDelta, Usage } from '@switchyard/core';
import { anthropicMessageId } from './anthropic-message-id.js';
import type { AnthropicStreamEvent } from './anthropic-message-types.js';
import { convertUsage } from './convert-usage.js';
import { mapFinishReason } from './map-finish-reason.js';

export interface AnthropicEventContext {
  /** The model the client asked for, when the chunks name none. */
  model: string;
  stopSequences?: ReadonlyArray<string>;
  newId: () => string;
}

/** One stream's translation state: feed it every chunk in order, then `finish` once. */
export interface AnthropicEventTranslator {
  translate(chunk: ChatChunk): AnthropicStreamEvent[];
  /** The closing events (`content_block_stop` of the open block, `message_delta`, `message_stop`). */
  finish(): AnthropicStreamEvent[];
}

type OpenBlock =
  | { kind: 'text'; index: number }
  | { kind: 'thinking'; index: number; streamed: boolean }
  | { kind: 'redacted_thinking'; index: number }
  | { kind: 'tool'; index: number };

type ToolDelta = NonNullable<ChatChunkDelta['tool_calls']>[number];

const event = (data: Record<string, unknown> & { type: string }): AnthropicStreamEvent => ({
  event: data.type,
  data,
});

/**
 * Canonical chunks as Anthropic's stream: `message_start` (and a `ping`) at the first chunk; then
 * one content block at a time, each opened with `content_block_start`, fed with `thinking_delta`,
 * `text_delta` or `input_json_delta` and closed with `content_block_stop` before the next opens,
 * every canonical tool call index its own `tool_use` block; at the end `message_delta` with the
 * stop reason and usage, and `message_stop`. Only the first choice is read. Input tokens are not
 * known at `message_start` for most upstreams (usage comes last), so it reports 0 and the final
 * `message_delta` carries the real counts, input included.
 */
export function createAnthropicEventTranslator(context: AnthropicEventContext): AnthropicEventTranslator {
  let started = false;
  let nextIndex = 0;
  let open: OpenBlock | undefined;
  let finishReason: string | null = null;
  let usage: Usage | undefined;
  let text = '';
  /** Block index of each canonical tool call index, once its block started. */
  const toolBlocks = new Map<number, number>();

  function start(chunk: Pick<ChatChunk, 'id' | 'model' | 'usage'>): AnthropicStreamEvent[] {
    started = true;
    const message = {
      id: anthropicMessageId(chunk.id, context.newId),
      type: 'message',
      role: 'assistant',
      model: chunk.model || context.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...convertUsage(chunk.usage), output_tokens: chunk.usage?.completion_tokens ?? 0 },
    };
    return [event({ type: 'message_start', message }), event({ type: 'ping' })];
  }

  function close(): AnthropicStreamEvent[] {
    if (!open) return [];
    const index = open.index;
    open = undefined;
    return [event({ type: 'content_block_stop', index })];
  }

  function openBlock(block: OpenBlock, contentBlock: Record<string, unknown>): AnthropicStreamEvent[] {
    const events = close();
    open = block;
    events.push(event({ type: 'content_block_start', index: block.index, content_block: contentBlock }));
    return events;
  }

  function openThinking(): AnthropicStreamEvent[] {
    if (open?.kind === 'thinking') return [];
    return openBlock(
      { kind: 'thinking', index: nextIndex++, streamed: false },
      { type: 'thinking', thinking: '', signature: '' },
    );
  }

  /**
   * Reasoning text streams as `thinking_delta`s. A finished signed block (`thinking_blocks`, from
   * providers with signatures) closes the thinking block with its `signature_delta`, after its text
   * when none was streamed; a redacted block is a block of its own.
   */
  function thinking(delta: ChatChunkDelta): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (delta.reasoning_content) {
      events.push(...openThinking());
      if (open?.kind === 'thinking') open.streamed = true;
      events.push(contentDelta(open!.index, { type: 'thinking_delta', thinking: delta.reasoning_content }));
    }
    const blocks = (delta as { thinking_blocks?: unknown }).thinking_blocks;
    if (!Array.isArray(blocks)) return events;
    for (const block of blocks as Array<Record<string, unknown>>) {
      if (block.type === 'thinking' && typeof block.signature === 'string' && block.signature !== '') {
        events.push(...openThinking());
        const index = open!.index;
        if (
          open?.kind === 'thinking' &&
          !open.streamed &&
          typeof block.thinking === 'string' &&
          block.thinking !== ''
        ) {
          events.push(contentDelta(index, { type: 'thinking_delta', thinking: block.thinking }));
        }
        events.push(contentDelta(index, { type: 'signature_delta', signature: block.signature }));
        events.push(...close());
      } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
        events.push(
          ...openBlock(
            { kind: 'redacted_thinking', index: nextIndex++ },
            { type: 'redacted_thinking', data: block.data },
          ),
        );
        events.push(...close());
      }
    }
    return events;
  }

  function textDelta(content: string): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    if (open?.kind !== 'text')
      events.push(...openBlock({ kind: 'text', index: nextIndex++ }, { type: 'text', text: '' }));
    text += content;
    events.push(contentDelta(open!.index, { type: 'text_delta', text: content }));
    return events;
  }

  function toolDelta(call: ToolDelta): AnthropicStreamEvent[] {
    const events: AnthropicStreamEvent[] = [];
    let index = toolBlocks.get(call.index);
    if (index === undefined) {
      index = nextIndex++;
      toolBlocks.set(call.index, index);
      const contentBlock = {
        type: 'tool_use',
        id: call.id || `toolu_${context.newId()}`,
        name: call.function?.name ?? '',
        input: {},
      };
      events.push(...openBlock({ kind: 'tool', index }, contentBlock));
    }
    // A fragment for a tool call whose block was already closed (interleaved upstream deltas) still
    // names that block's index, so clients that collect by index get the whole input.
    const fragment = call.function?.arguments;
    if (fragment) events.push(contentDelta(index, { type: 'input_json_delta', partial_json: fragment }));
    return events;
  }

  return {
    translate(chunk) {
      const events = started ? [] : start(chunk);
      if (chunk.usage) usage = chunk.usage;
      const choice = chunk.choices.find((candidate) => candidate.index === 0);
      if (!choice) return events;
      const delta = choice.delta;
      events.push(...thinking(delta));
      if (delta.content) events.push(...textDelta(delta.content));
      else if (delta.refusal) events.push(...textDelta(delta.refusal));
      for (const call of delta.tool_calls ?? []) events.push(...toolDelta(call));
      if (choice.finish_reason) finishReason = choice.finish_reason;
      return events;
    },
    finish() {
      const events = started ? close() : start({ id: '', model: '' });
      const stop = mapFinishReason(finishReason ?? 'stop', {
        text,
        ...(context.stopSequences ? { stopSequences: context.stopSequences } : {}),
      });
      events.push(event({ type: 'message_delta', delta: stop, usage: convertUsage(usage) }));
      events.push(event({ type: 'message_stop' }));
      return events;
    },
  };
}

function contentDelta(index: number, delta: Record<string, unknown>): AnthropicStreamEvent {
  return event({ type: 'content_block_delta', index, delta });
}
