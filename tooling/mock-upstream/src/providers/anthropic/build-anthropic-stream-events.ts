import { splitIntoFragments, splitIntoWords } from '../../core/split-text.js';
import { buildAnthropicMessage } from './build-anthropic-message.js';
import type { AnthropicMessagePlan, AnthropicPlannedBlock } from './plan-anthropic-message.js';

/** One streamed event; its `type` is also the SSE `event:` name. */
export interface AnthropicStreamEvent {
  type: string;
  [field: string]: unknown;
}

const JSON_FRAGMENT_LENGTH = 8;

/**
 * The events of a streamed answer, in Anthropic's order: `message_start` (empty content, input
 * usage), per content block `content_block_start`, its deltas and `content_block_stop` (a `ping`
 * after the first start), then `message_delta` (stop reason, final usage with the thinking
 * breakdown) and `message_stop`.
 * Text and thinking come word by word; a signature in one `signature_delta`; tool input as
 * `input_json_delta` fragments after an empty one.
 */
export function buildAnthropicStreamEvents(plan: AnthropicMessagePlan): AnthropicStreamEvent[] {
  const message = buildAnthropicMessage(plan);
  const events: AnthropicStreamEvent[] = [
    {
      type: 'message_start',
      message: {
        ...message,
        content: [],
        stop_reason: null,
        stop_sequence: null,
        usage: { ...startUsage(plan), output_tokens: 1 },
      },
    },
  ];
  plan.blocks.forEach((block, index) => {
    events.push({ type: 'content_block_start', index, content_block: startOf(block) });
    if (index === 0) {
      events.push({ type: 'ping' });
    }
    for (const delta of deltasOf(block)) {
      events.push({ type: 'content_block_delta', index, delta });
    }
    events.push({ type: 'content_block_stop', index });
  });
  events.push(
    {
      type: 'message_delta',
      delta: { stop_reason: plan.stopReason, stop_sequence: null },
      usage: {
        input_tokens: plan.usage.input_tokens,
        cache_creation_input_tokens: plan.usage.cache_creation_input_tokens,
        cache_read_input_tokens: plan.usage.cache_read_input_tokens,
        output_tokens: plan.usage.output_tokens,
        output_tokens_details: plan.usage.output_tokens_details,
      },
    },
    { type: 'message_stop' },
  );
  return events;
}

/** `message_start` has no thinking breakdown yet: that comes with the final `message_delta`. */
function startUsage(
  plan: AnthropicMessagePlan,
): Omit<AnthropicMessagePlan['usage'], 'output_tokens_details'> {
  const { output_tokens_details: _details, ...usage } = plan.usage;
  return usage;
}

function startOf(block: AnthropicPlannedBlock): Record<string, unknown> {
  switch (block.type) {
    case 'thinking':
      return { type: 'thinking', thinking: '', signature: '' };
    case 'text':
      return { type: 'text', text: '' };
    case 'tool_use':
      return { type: 'tool_use', id: block.id, name: block.name, input: {} };
  }
}

function deltasOf(block: AnthropicPlannedBlock): Array<Record<string, unknown>> {
  switch (block.type) {
    case 'thinking':
      return [
        ...splitIntoWords(block.thinking).map((thinking) => ({ type: 'thinking_delta', thinking })),
        { type: 'signature_delta', signature: block.signature },
      ];
    case 'text':
      return splitIntoWords(block.text).map((text) => ({ type: 'text_delta', text }));
    case 'tool_use':
      return ['', ...splitIntoFragments(block.input, JSON_FRAGMENT_LENGTH)].map((partial_json) => ({
        type: 'input_json_delta',
        partial_json,
      }));
  }
}
