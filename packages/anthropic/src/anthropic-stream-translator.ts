import {
  BadGatewayError,
  type ChatChunk,
  type ChatChunkDelta,
  type FinishReason,
  isRecord,
  type SwitchyardError,
  safeParseJson,
} from '@switchyard/core';
import type { AnthropicUsage } from './anthropic-api-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

export interface AnthropicStreamContext {
  provider: string;
  /** Turns the payload of an `event: error` into a core error. */
  toError: (body: string) => SwitchyardError;
  /** `created` of every chunk (unix seconds). */
  created: number;
  /** End with a usage chunk (`choices: []`), as OpenAI does with `stream_options.include_usage`. */
  includeUsage: boolean;
  /** The forced tool that carries a `response_format` answer: its input streams as content. */
  jsonToolName?: string;
}

/** One stream's translation state; `translate` takes each event's SSE name and data in order. */
export interface AnthropicStreamTranslator {
  /** The chunks an event becomes (often one, sometimes none); throws on an `error` event. */
  translate(event: { event?: string; data: string }): ChatChunk[];
  /** `message_stop` arrived: the answer is complete. */
  readonly done: boolean;
}

type Json = Record<string, unknown>;

type BlockState =
  | { kind: 'text' }
  | { kind: 'thinking'; thinking: string; signature: string }
  | { kind: 'redacted_thinking'; data: string }
  | { kind: 'tool'; index: number; hasArguments: boolean }
  | { kind: 'json' }
  | { kind: 'other' };

/**
 * Translates Anthropic's Messages stream events into OpenAI chat completion chunks: a role chunk at
 * `message_start`; text as `content`; thinking as `reasoning_content`, and each finished thinking
 * block (with its signature) as `thinking_blocks`; tool calls as `tool_calls` deltas whose `index`
 * counts tool calls only (0, 1, …), not Anthropic's block indexes; the finish reason at
 * `message_delta`; the usage chunk at `message_stop` when asked. `ping` and event types added
 * later carry nothing to relay. The state lives in the returned object, one per stream.
 */
export function createAnthropicStreamTranslator(context: AnthropicStreamContext): AnthropicStreamTranslator {
  let id = '';
  let model = '';
  let usage: AnthropicUsage = {};
  let toolCalls = 0;
  let answeredInJson = false;
  let done = false;
  const blocks = new Map<number, BlockState>();

  const chunk = (delta: ChatChunkDelta, finish: FinishReason | null = null): ChatChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: context.created,
    model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  });

  function blockStart(index: number, block: Json): ChatChunk[] {
    switch (block.type) {
      case 'text':
        blocks.set(index, { kind: 'text' });
        return typeof block.text === 'string' && block.text !== '' ? [chunk({ content: block.text })] : [];
      case 'thinking': {
        const thinking = typeof block.thinking === 'string' ? block.thinking : '';
        const signature = typeof block.signature === 'string' ? block.signature : '';
        blocks.set(index, { kind: 'thinking', thinking, signature });
        return thinking !== '' ? [chunk({ reasoning_content: thinking })] : [];
      }
      case 'redacted_thinking':
        blocks.set(index, {
          kind: 'redacted_thinking',
          data: typeof block.data === 'string' ? block.data : '',
        });
        return [];
      case 'tool_use':
        return toolStart(index, block);
      default:
        blocks.set(index, { kind: 'other' });
        return [];
    }
  }

  function toolStart(index: number, block: Json): ChatChunk[] {
    const name = typeof block.name === 'string' ? block.name : '';
    if (context.jsonToolName !== undefined && name === context.jsonToolName) {
      blocks.set(index, { kind: 'json' });
      answeredInJson = true;
      return [];
    }
    const state = { kind: 'tool' as const, index: toolCalls, hasArguments: false };
    toolCalls += 1;
    blocks.set(index, state);
    const callId = typeof block.id === 'string' ? block.id : '';
    const call = {
      index: state.index,
      id: callId,
      type: 'function' as const,
      function: { name, arguments: '' },
    };
    return [chunk({ tool_calls: [call] })];
  }

  function blockDelta(state: BlockState | undefined, delta: Json): ChatChunk[] {
    if (delta.type === 'text_delta' && typeof delta.text === 'string' && state?.kind === 'text') {
      return [chunk({ content: delta.text })];
    }
    if (delta.type === 'thinking_delta' && typeof delta.thinking === 'string' && state?.kind === 'thinking') {
      state.thinking += delta.thinking;
      return [chunk({ reasoning_content: delta.thinking })];
    }
    if (
      delta.type === 'signature_delta' &&
      typeof delta.signature === 'string' &&
      state?.kind === 'thinking'
    ) {
      state.signature += delta.signature;
      return [];
    }
    if (
      delta.type !== 'input_json_delta' ||
      typeof delta.partial_json !== 'string' ||
      delta.partial_json === ''
    ) {
      return [];
    }
    if (state?.kind === 'json') return [chunk({ content: delta.partial_json })];
    if (state?.kind !== 'tool') return [];
    state.hasArguments = true;
    return [chunk({ tool_calls: [{ index: state.index, function: { arguments: delta.partial_json } }] })];
  }

  function blockStop(state: BlockState | undefined): ChatChunk[] {
    if (state?.kind === 'thinking') {
      const block = { type: 'thinking', thinking: state.thinking, signature: state.signature };
      return [chunk({ thinking_blocks: [block] })];
    }
    if (state?.kind === 'redacted_thinking') {
      return [chunk({ thinking_blocks: [{ type: 'redacted_thinking', data: state.data }] })];
    }
    if (state?.kind === 'tool' && !state.hasArguments) {
      // A tool without input streams no JSON; its arguments are still a JSON object.
      return [chunk({ tool_calls: [{ index: state.index, function: { arguments: '{}' } }] })];
    }
    return [];
  }

  function messageDelta(data: Json): ChatChunk[] {
    if (isRecord(data.usage)) usage = { ...usage, ...reportedCounts(data.usage) };
    const delta = isRecord(data.delta) ? data.delta : {};
    let finishReason = mapAnthropicStopReason(
      typeof delta.stop_reason === 'string' ? delta.stop_reason : null,
    );
    if (answeredInJson && toolCalls === 0 && finishReason === 'tool_calls') finishReason = 'stop';
    return finishReason ? [chunk({}, finishReason)] : [];
  }

  return {
    get done() {
      return done;
    },
    translate(event) {
      const data = parseEvent(event.data, context.provider);
      switch (typeof data.type === 'string' ? data.type : event.event) {
        case 'message_start': {
          const message = isRecord(data.message) ? data.message : {};
          id = typeof message.id === 'string' ? message.id : '';
          model = typeof message.model === 'string' ? message.model : '';
          if (isRecord(message.usage)) usage = { ...message.usage };
          return [chunk({ role: 'assistant', content: '' })];
        }
        case 'content_block_start':
          return typeof data.index === 'number' && isRecord(data.content_block)
            ? blockStart(data.index, data.content_block)
            : [];
        case 'content_block_delta':
          return isRecord(data.delta) ? blockDelta(blocks.get(Number(data.index)), data.delta) : [];
        case 'content_block_stop':
          return blockStop(blocks.get(Number(data.index)));
        case 'message_delta':
          return messageDelta(data);
        case 'message_stop':
          done = true;
          return context.includeUsage
            ? [{ ...chunk({}), choices: [], usage: convertAnthropicUsage(usage) }]
            : [];
        case 'error':
          throw context.toError(event.data);
        default:
          return [];
      }
    },
  };
}

function parseEvent(text: string, provider: string): Json {
  const parsed = safeParseJson(text);
  if (parsed.ok && isRecord(parsed.value)) return parsed.value;
  throw new BadGatewayError({
    message: `${provider} sent a stream event that is not valid JSON`,
    provider,
    code: 'invalid_upstream_response',
  });
}

/**
 * The counts a `message_delta` carries: it may repeat the input counts or only give the output, and
 * brings the thinking breakdown (`output_tokens_details`).
 */
function reportedCounts(usage: Json): AnthropicUsage {
  const counts: AnthropicUsage = {};
  for (const [key, value] of Object.entries(usage)) if (typeof value === 'number') counts[key] = value;
  if (isRecord(usage.output_tokens_details)) counts.output_tokens_details = usage.output_tokens_details;
  return counts;
}
