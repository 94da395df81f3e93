import { BadRequestError, type ChatMessage, isRecord, safeParseJson } from '@switchyard/core';
import type { BedrockContentBlock, BedrockMessage, BedrockSystemBlock } from './bedrock-api-types.js';
import { type ConversionContext, convertUserContent } from './convert-to-bedrock-content.js';

export interface BedrockPrompt {
  system: BedrockSystemBlock[];
  messages: BedrockMessage[];
}

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;

const cachePoint = { cachePoint: { type: 'default' } } as const;
const invalidToolIdCharacters = /[^a-zA-Z0-9_-]/g;

/** Tool ids as Converse accepts them (`[a-zA-Z0-9_-]{1,64}`), the same on a call and its result. */
export function bedrockToolUseId(id: string): string {
  const cleaned = id.replace(invalidToolIdCharacters, '_').slice(0, 64);
  return cleaned === '' ? 'tool_call' : cleaned;
}

function textOf(
  content: string | ReadonlyArray<{ type: string; text?: string; refusal?: string }>,
): string[] {
  if (typeof content === 'string') return content === '' ? [] : [content];
  return content.map((part) => part.text ?? part.refusal ?? '').filter((text) => text !== '');
}

function hasCacheControl(value: object): boolean {
  return 'cache_control' in value && Boolean((value as { cache_control?: unknown }).cache_control);
}

/** System and developer messages: text blocks, a cache point after any marked message or part. */
function systemBlocks(message: Extract<ChatMessage, { role: 'system' | 'developer' }>): BedrockSystemBlock[] {
  const blocks: BedrockSystemBlock[] = [];
  const parts =
    typeof message.content === 'string' ? [{ type: 'text', text: message.content }] : message.content;
  for (const part of parts) {
    if (part.text !== '') blocks.push({ text: part.text });
    if (hasCacheControl(part)) blocks.push(cachePoint);
  }
  if (hasCacheControl(message)) blocks.push(cachePoint);
  return blocks;
}

/**
 * An assistant turn: thinking blocks first (a signed `thinking` block as reasoningText with its
 * signature, a `redacted_thinking` block as redactedContent; reasoning text without a signature is
 * left out, since the model would refuse it), then text, then tool calls as toolUse blocks.
 */
function assistantBlocks(
  message: AssistantMessage,
  index: number,
  context: ConversionContext,
): BedrockContentBlock[] {
  const blocks: BedrockContentBlock[] = [];
  for (const block of message.thinking_blocks ?? []) {
    const { thinking, signature, data } = block as {
      thinking?: unknown;
      signature?: unknown;
      data?: unknown;
    };
    if (
      block.type === 'thinking' &&
      typeof thinking === 'string' &&
      typeof signature === 'string' &&
      signature !== ''
    ) {
      blocks.push({ reasoningContent: { reasoningText: { text: thinking, signature } } });
    } else if (block.type === 'redacted_thinking' && typeof data === 'string') {
      blocks.push({ reasoningContent: { redactedContent: data } });
    }
  }
  for (const text of message.content ? textOf(message.content) : []) blocks.push({ text });
  for (const [position, call] of (message.tool_calls ?? []).entries()) {
    const param = `messages[${index}].tool_calls[${position}].function.arguments`;
    const parsed = safeParseJson(call.function.arguments.trim() === '' ? '{}' : call.function.arguments);
    if (!parsed.ok) {
      throw new BadRequestError({
        message: `${param} is not valid JSON`,
        param,
        provider: context.provider,
        model: context.model,
      });
    }
    blocks.push({
      toolUse: { toolUseId: bedrockToolUseId(call.id), name: call.function.name, input: parsed.value },
    });
  }
  if (hasCacheControl(message)) blocks.push(cachePoint);
  return blocks;
}

/** A tool message: a toolResult block in a user turn, tied to its call by id. */
function toolResultBlocks(message: ToolMessage): BedrockContentBlock[] {
  const text = textOf(message.content).join('');
  const content = text === '' ? [] : [{ text }];
  const blocks: BedrockContentBlock[] = [
    { toolResult: { toolUseId: bedrockToolUseId(message.tool_call_id), content } },
  ];
  if (hasCacheControl(message)) blocks.push(cachePoint);
  return blocks;
}

function turnOf(message: ChatMessage, index: number, context: ConversionContext): BedrockMessage | undefined {
  switch (message.role) {
    case 'user':
      return {
        role: 'user',
        content: [
          ...convertUserContent(message.content, index, context),
          ...(hasCacheControl(message) ? [cachePoint] : []),
        ],
      };
    case 'assistant':
      return { role: 'assistant', content: assistantBlocks(message, index, context) };
    case 'tool':
      return { role: 'user', content: toolResultBlocks(message) };
    default:
      throw new BadRequestError({
        message: `${context.provider} does not take "${message.role}" messages (messages[${index}]); use tools and tool messages`,
        param: `messages[${index}].role`,
        provider: context.provider,
        model: context.model,
      });
  }
}

/**
 * The canonical messages as Converse's `system` and `messages`: system and developer messages go to
 * the system slot wherever they stand; tool results become user turns; empty turns are dropped and
 * consecutive turns of one role merged, since Converse requires user and assistant to alternate.
 */
export function convertToBedrockMessages(
  messages: readonly ChatMessage[],
  context: ConversionContext,
): BedrockPrompt {
  const system: BedrockSystemBlock[] = [];
  const turns: BedrockMessage[] = [];
  for (const [index, message] of messages.entries()) {
    if (message.role === 'system' || message.role === 'developer') {
      system.push(...systemBlocks(message));
      continue;
    }
    const turn = turnOf(message, index, context);
    if (!turn || turn.content.every((block) => 'cachePoint' in block)) continue;
    const previous = turns.at(-1);
    if (previous?.role === turn.role) previous.content.push(...turn.content);
    else turns.push(turn);
  }
  return { system, messages: turns };
}

/** Names of the tools the conversation already called (Converse needs them declared). */
export function toolNamesInHistory(messages: readonly BedrockMessage[]): string[] {
  const names = new Set<string>();
  for (const message of messages) {
    for (const block of message.content) {
      if ('toolUse' in block && isRecord(block.toolUse)) names.add(block.toolUse.name);
    }
  }
  return [...names];
}

/** Whether the conversation holds toolUse or toolResult blocks. */
export function hasToolBlocks(messages: readonly BedrockMessage[]): boolean {
  return messages.some((message) =>
    message.content.some((block) => 'toolUse' in block || 'toolResult' in block),
  );
}
