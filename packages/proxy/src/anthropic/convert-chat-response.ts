import { type ChatResponse, isRecord, safeParseJson } from '@switchyard/core';
import { anthropicMessageId } from './anthropic-message-id.js';
import type { AnthropicOutputBlock, AnthropicOutputMessage } from './anthropic-message-types.js';
import { convertUsage } from './convert-usage.js';
import { mapFinishReason } from './map-finish-reason.js';

export interface ChatResponseContext {
  /** The model the client asked for, when the answer names none. */
  model: string;
  stopSequences?: ReadonlyArray<string>;
  /** Makes the random part of an id when the answer has none. */
  newId: () => string;
}

/**
 * A canonical chat completion as an Anthropic message: thinking blocks first (with their
 * signatures, or the reasoning text as one unsigned block), then the text, then each tool call as
 * a `tool_use` block whose input is the parsed arguments. Only the first choice is read (Anthropic
 * has no `n`).
 */
export function convertChatResponse(
  response: ChatResponse,
  context: ChatResponseContext,
): AnthropicOutputMessage {
  const choice = response.choices[0];
  const message = choice?.message;
  const content: AnthropicOutputBlock[] = [];
  if (message) {
    content.push(...thinkingBlocks(message.thinking_blocks, message.reasoning_content));
    const text = message.content ?? message.refusal ?? '';
    if (text !== '') content.push({ type: 'text', text });
    for (const call of message.tool_calls ?? []) {
      content.push({
        type: 'tool_use',
        id: call.id,
        name: call.function.name,
        input: toolInput(call.function.arguments),
      });
    }
  }
  const stop = mapFinishReason(choice?.finish_reason, {
    text: message?.content ?? '',
    ...(context.stopSequences ? { stopSequences: context.stopSequences } : {}),
  });
  return {
    id: anthropicMessageId(response.id, context.newId),
    type: 'message',
    role: 'assistant',
    model: response.model || context.model,
    content,
    ...stop,
    usage: convertUsage(response.usage),
  };
}

function thinkingBlocks(
  blocks: ReadonlyArray<Record<string, unknown>> | null | undefined,
  reasoning: string | null | undefined,
): AnthropicOutputBlock[] {
  const out: AnthropicOutputBlock[] = [];
  for (const block of blocks ?? []) {
    if (block.type === 'thinking' && typeof block.thinking === 'string') {
      out.push({
        type: 'thinking',
        thinking: block.thinking,
        signature: typeof block.signature === 'string' ? block.signature : '',
      });
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
      out.push({ type: 'redacted_thinking', data: block.data });
    }
  }
  if (out.length === 0 && reasoning) out.push({ type: 'thinking', thinking: reasoning, signature: '' });
  return out;
}

/** Tool arguments as `tool_use.input`; arguments that are not a JSON object are kept under `arguments`. */
export function toolInput(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = safeParseJson(text);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : { arguments: text };
}
