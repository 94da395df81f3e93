import { safeParseJson } from '../../core/safe-parse-json.js';
import type {
  AnthropicMessagePlan,
  AnthropicPlannedBlock,
  AnthropicUsage,
} from './plan-anthropic-message.js';

export type AnthropicContentBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'text'; text: string }
  | { type: 'tool_use'; id: string; name: string; input: Record<string, unknown> };

/** A `message` object, shaped as the Messages API returns it. */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: string | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

export function buildAnthropicMessage(plan: AnthropicMessagePlan): AnthropicMessage {
  return {
    id: plan.id,
    type: 'message',
    role: 'assistant',
    model: plan.model,
    content: plan.blocks.map(toContentBlock),
    stop_reason: plan.stopReason,
    stop_sequence: null,
    usage: plan.usage,
  };
}

function toContentBlock(block: AnthropicPlannedBlock): AnthropicContentBlock {
  if (block.type !== 'tool_use') {
    return block;
  }
  const parsed = safeParseJson(block.input);
  const input =
    parsed.ok && typeof parsed.value === 'object' && parsed.value !== null && !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : {};
  return { type: 'tool_use', id: block.id, name: block.name, input };
}
