import { BadRequestError, type ChatMessage, isRecord, safeParseJson } from '@switchyard/core';
import type {
  AnthropicContentBlock,
  AnthropicMessage,
  AnthropicTextBlock,
  AnthropicToolResultBlock,
} from './anthropic-api-types.js';
import { cacheControlOf, convertUserPart } from './convert-to-anthropic-user-content.js';

/** A conversation as the Messages API takes it. */
export interface AnthropicPrompt {
  /** Every system and developer message, as one string, or as text blocks when any is cache-marked. */
  system?: string | AnthropicTextBlock[];
  /** Alternating user and assistant turns. */
  messages: AnthropicMessage[];
  /** Beta features the content needs (`anthropic-beta`), e.g. the Files API for `file_id`s. */
  betas: string[];
}

type Role = AnthropicMessage['role'];
interface Turn {
  role: Role;
  blocks: AnthropicContentBlock[];
  /** The turn is one plain string message, sent as a string. */
  text?: string;
}

/**
 * Converts OpenAI chat messages to Anthropic's: system and developer messages move to the top-level
 * `system`; tool results become `tool_result` blocks in a user turn; consecutive turns of one role
 * are merged, since roles must alternate; assistant `thinking_blocks` go first in their turn, so
 * signatures survive across turns (a thinking block without its signature, which Anthropic would
 * refuse, is left out); a message's `cache_control` marks its last block.
 */
export function convertToAnthropicMessages(messages: ReadonlyArray<ChatMessage>): AnthropicPrompt {
  const system: AnthropicTextBlock[] = [];
  const turns: Turn[] = [];
  const betas = new Set<string>();
  const add = (role: Role, blocks: AnthropicContentBlock[], text?: string) => {
    if (blocks.length === 0) return;
    const last = turns.at(-1);
    if (last?.role === role) {
      last.blocks.push(...blocks);
      delete last.text;
    } else {
      turns.push(text === undefined ? { role, blocks } : { role, blocks, text });
    }
  };
  messages.forEach((message, index) => {
    const path = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer':
        system.push(...markLast(textBlocks(message.content), message));
        return;
      case 'user': {
        const blocks =
          typeof message.content === 'string'
            ? textBlocks(message.content)
            : message.content.flatMap((part, position) =>
                convertUserPart(part, { path: `${path}.content[${position}]`, betas }),
              );
        const plain =
          typeof message.content === 'string' && !cacheControlOf(message) ? message.content : undefined;
        add('user', markLast(blocks, message), plain);
        return;
      }
      case 'assistant': {
        const blocks = markLast(assistantBlocks(message, path), message);
        const onlyText = blocks.length === 1 && blocks[0]?.type === 'text' && !cacheControlOf(message);
        add(
          'assistant',
          blocks,
          onlyText && typeof message.content === 'string' ? message.content : undefined,
        );
        return;
      }
      case 'tool':
        add('user', markLast([toolResultBlock(message)], message));
        return;
      case 'function':
        throw new BadRequestError({
          message: `${path} is a legacy "function" message; Anthropic takes tool results as "tool" messages answering tool_calls.`,
          param: `${path}.role`,
          code: 'unsupported_message',
        });
    }
  });
  const prompt: AnthropicPrompt = {
    messages: turns.map((turn) => ({ role: turn.role, content: turn.text ?? turn.blocks })),
    betas: [...betas],
  };
  if (system.length > 0) {
    prompt.system = system.some((block) => block.cache_control)
      ? system
      : system.map((block) => block.text).join('\n\n');
  }
  return prompt;
}

function textBlocks(content: string | ReadonlyArray<{ text: string }>): AnthropicTextBlock[] {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  return content
    .filter((part) => part.text !== '')
    .map((part) => {
      const cacheControl = cacheControlOf(part);
      return cacheControl
        ? { type: 'text', text: part.text, cache_control: cacheControl }
        : { type: 'text', text: part.text };
    });
}

/** Puts a message's `cache_control` on its last block (Anthropic caches up to a marked block). */
function markLast<T extends AnthropicContentBlock>(blocks: T[], message: object): T[] {
  const cacheControl = cacheControlOf(message);
  const last = blocks.at(-1);
  if (!cacheControl || !last || last.type === 'thinking' || last.type === 'redacted_thinking') return blocks;
  return [...blocks.slice(0, -1), { ...last, cache_control: cacheControl }];
}

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

function assistantBlocks(message: AssistantMessage, path: string): AnthropicContentBlock[] {
  const blocks: AnthropicContentBlock[] = [];
  for (const block of message.thinking_blocks ?? []) {
    // Anthropic refuses a thinking block it cannot verify, so one without its signature is left out.
    if (block.type === 'thinking' && typeof block.signature === 'string' && block.signature !== '') {
      const thinking = typeof block.thinking === 'string' ? block.thinking : '';
      blocks.push({ type: 'thinking', thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking' && typeof block.data === 'string') {
      blocks.push({ type: 'redacted_thinking', data: block.data });
    }
  }
  const content = message.content;
  if (typeof content === 'string') {
    if (content !== '') blocks.push({ type: 'text', text: content });
  } else if (content) {
    for (const part of content) {
      const text = part.type === 'text' ? part.text : part.refusal;
      if (text !== '') blocks.push({ type: 'text', text });
    }
  }
  message.tool_calls?.forEach((call, position) => {
    const param = `${path}.tool_calls[${position}].function.arguments`;
    blocks.push({
      type: 'tool_use',
      id: call.id,
      name: call.function.name,
      input: toolInput(call.function.arguments, param),
    });
  });
  return blocks;
}

/** Tool-call arguments as the object Anthropic's `tool_use.input` is; empty arguments are `{}`. */
function toolInput(text: string, param: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = safeParseJson(text);
  if (parsed.ok && isRecord(parsed.value)) return parsed.value;
  throw new BadRequestError({
    message: `${param} must be a JSON object for Anthropic (tool_use.input is an object).`,
    param,
    code: 'invalid_tool_arguments',
  });
}

type ToolMessage = Extract<ChatMessage, { role: 'tool' }>;

function toolResultBlock(message: ToolMessage): AnthropicToolResultBlock {
  const content = typeof message.content === 'string' ? message.content : textBlocks(message.content);
  return { type: 'tool_result', tool_use_id: message.tool_call_id, content };
}
