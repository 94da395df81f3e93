import type { ChatResponse, ChatResponseMessage, ToolCall } from '@switchyard/core';
import type { AnthropicMessagesResponse, AnthropicResponseBlock } from './anthropic-api-types.js';
import { convertAnthropicUsage } from './convert-anthropic-usage.js';
import { mapAnthropicStopReason } from './map-anthropic-stop-reason.js';

export interface AnthropicResponseOptions {
  /** `created` of the completion (unix seconds); Anthropic's answer has no timestamp. */
  created: number;
  /** The forced tool that carried a `response_format` answer: its input becomes the content. */
  jsonToolName?: string;
}

/** A thinking block as the canonical `thinking_blocks` carry it (the signature kept for the next turn). */
export type ThinkingBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

/**
 * A Messages API answer as an OpenAI chat completion: text blocks joined into the content, thinking
 * into `reasoning_content` and `thinking_blocks` (signatures kept), `tool_use` blocks into tool
 * calls with JSON arguments. An answer given through the JSON tool becomes the content, finishing
 * with `stop`. Blocks with no OpenAI equivalent (server tools, citations) are left out.
 */
export function convertAnthropicResponse(
  message: AnthropicMessagesResponse,
  options: AnthropicResponseOptions,
): ChatResponse {
  const texts: string[] = [];
  const reasoning: string[] = [];
  const thinkingBlocks: ThinkingBlock[] = [];
  const toolCalls: ToolCall[] = [];
  let jsonAnswer: string | undefined;
  for (const block of message.content) {
    if (block.type === 'text' && typeof block.text === 'string') {
      texts.push(block.text);
    } else if (block.type === 'thinking' && typeof block.thinking === 'string') {
      reasoning.push(block.thinking);
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature ?? '' });
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
      thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
    } else if (block.type === 'tool_use') {
      const call = toToolCall(block);
      if (options.jsonToolName !== undefined && call.function.name === options.jsonToolName) {
        jsonAnswer = call.function.arguments;
      } else {
        toolCalls.push(call);
      }
    }
  }
  const content = jsonAnswer ?? (texts.length > 0 ? texts.join('') : null);
  const result: ChatResponseMessage = { role: 'assistant', content };
  if (toolCalls.length > 0) result.tool_calls = toolCalls;
  if (reasoning.length > 0) result.reasoning_content = reasoning.join('');
  if (thinkingBlocks.length > 0) result.thinking_blocks = thinkingBlocks;
  let finishReason = mapAnthropicStopReason(message.stop_reason);
  if (jsonAnswer !== undefined && finishReason === 'tool_calls' && toolCalls.length === 0)
    finishReason = 'stop';
  const response: ChatResponse = {
    id: message.id,
    object: 'chat.completion',
    created: options.created,
    model: message.model,
    choices: [{ index: 0, message: result, finish_reason: finishReason, logprobs: null }],
  };
  if (message.usage) response.usage = convertAnthropicUsage(message.usage);
  return response;
}

function toToolCall(block: AnthropicResponseBlock): ToolCall {
  return {
    id: block.id ?? '',
    type: 'function',
    function: { name: block.name ?? '', arguments: JSON.stringify(block.input ?? {}) },
  };
}
