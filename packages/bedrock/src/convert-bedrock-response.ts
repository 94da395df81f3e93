import {
  BadGatewayError,
  type ChatResponse,
  type ChatResponseMessage,
  isRecord,
  type ToolCall,
} from '@switchyard/core';
import type { BedrockConverseResponse, BedrockResponseBlock } from './bedrock-api-types.js';
import { convertBedrockUsage } from './convert-bedrock-usage.js';
import { mapBedrockStopReason } from './map-bedrock-stop-reason.js';

export interface BedrockResponseContext {
  provider: string;
  model: string;
  /** The response id (Converse has none). */
  id: string;
  /** Unix seconds. */
  created: number;
  /** The JSON-mode tool whose input is the answer's content. */
  jsonToolName?: string;
}

/** A thinking block as the canonical `thinking_blocks` carry it (signature kept for the next turn). */
export type ThinkingBlock =
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string };

interface Collected {
  texts: string[];
  reasoning: string[];
  thinkingBlocks: ThinkingBlock[];
  toolCalls: ToolCall[];
  json: string | undefined;
}

function collect(block: BedrockResponseBlock, into: Collected, jsonToolName: string | undefined): void {
  if (typeof block.text === 'string') into.texts.push(block.text);
  const reasoning = block.reasoningContent;
  if (isRecord(reasoning?.reasoningText) && typeof reasoning.reasoningText.text === 'string') {
    const { text, signature } = reasoning.reasoningText;
    into.reasoning.push(text);
    into.thinkingBlocks.push({
      type: 'thinking',
      thinking: text,
      signature: typeof signature === 'string' ? signature : '',
    });
  } else if (typeof reasoning?.redactedContent === 'string') {
    into.thinkingBlocks.push({ type: 'redacted_thinking', data: reasoning.redactedContent });
  }
  const toolUse = block.toolUse;
  if (isRecord(toolUse) && typeof toolUse.name === 'string') {
    const input = JSON.stringify(toolUse.input ?? {});
    if (toolUse.name === jsonToolName) into.json = input;
    else
      into.toolCalls.push({
        id: String(toolUse.toolUseId ?? ''),
        type: 'function',
        function: { name: toolUse.name, arguments: input },
      });
  }
}

/**
 * A ConverseResponse as a chat completion: text blocks joined into content, reasoningText into
 * reasoning_content and thinking_blocks (signatures kept), toolUse blocks into tool_calls with their
 * ids, the stop reason mapped, usage normalised. In JSON mode the JSON tool's input is the content.
 */
export function convertBedrockResponse(
  response: BedrockConverseResponse,
  context: BedrockResponseContext,
): ChatResponse {
  const blocks = response.output?.message?.content;
  if (!Array.isArray(blocks)) {
    throw new BadGatewayError({
      message: `${context.provider} sent a response without output.message.content`,
      provider: context.provider,
      model: context.model,
      code: 'invalid_upstream_response',
    });
  }
  const collected: Collected = {
    texts: [],
    reasoning: [],
    thinkingBlocks: [],
    toolCalls: [],
    json: undefined,
  };
  for (const block of blocks) if (isRecord(block)) collect(block, collected, context.jsonToolName);
  const content = collected.json ?? (collected.texts.length > 0 ? collected.texts.join('') : null);
  const message: ChatResponseMessage = { role: 'assistant', content };
  if (collected.toolCalls.length > 0) message.tool_calls = collected.toolCalls;
  if (collected.reasoning.length > 0) message.reasoning_content = collected.reasoning.join('');
  if (collected.thinkingBlocks.length > 0) message.thinking_blocks = collected.thinkingBlocks;
  const stop = mapBedrockStopReason(response.stopReason);
  const finishReason = stop === 'tool_calls' && collected.toolCalls.length === 0 ? 'stop' : stop;
  const result: ChatResponse = {
    id: context.id,
    object: 'chat.completion',
    created: context.created,
    model: context.model,
    choices: [{ index: 0, message, finish_reason: finishReason, logprobs: null }],
  };
  const usage = convertBedrockUsage(response.usage);
  if (usage) result.usage = usage;
  return result;
}
