import type { ErrorReply } from '../../core/provider.js';
import { anthropicError } from './anthropic-error.js';

/** What the mock reads from a valid `messages` list. */
export interface AnthropicMessagesText {
  /** Text of every text block and tool result, in order (the prompt's word count is its tokens). */
  texts: string[];
  /** Text of the last user turn: its text blocks and tool results, joined with spaces. */
  lastUserText: string;
}

type JsonObject = Record<string, unknown>;

export const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const imageMediaTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
const sourceTypes: Record<string, ReadonlySet<string>> = {
  image: new Set(['base64', 'url', 'file']),
  document: new Set(['base64', 'url', 'text', 'content', 'file']),
};

/**
 * Checks a `messages` list the way Anthropic does for what adapters get wrong: roles (no `system`),
 * strict user/assistant alternation, non-empty content, image and document sources, every
 * `tool_use` answered by a `tool_result` in the next turn and every `tool_result` answering one,
 * and thinking blocks sent back with their signature.
 */
export function readAnthropicMessages(messages: unknown[]): AnthropicMessagesText | ErrorReply {
  const texts: string[] = [];
  let lastUserText = '';
  let previousRole: string | undefined;
  let pendingToolUses: string[] = [];
  for (const [index, message] of messages.entries()) {
    if (!isObject(message)) {
      return invalid(`messages.${index}: Input should be a valid dictionary`);
    }
    const role = message.role;
    if (role === 'system') {
      return invalid(
        'messages: Unexpected role "system". The Messages API accepts a top-level `system` parameter, not "system" as an input message role.',
      );
    }
    if (role !== 'user' && role !== 'assistant') {
      return invalid(`messages.${index}.role: Input should be 'user' or 'assistant'`);
    }
    if (role === previousRole) {
      return invalid(
        `messages: roles must alternate between "user" and "assistant", but found multiple "${role}" roles in a row`,
      );
    }
    const blocks = contentBlocks(message.content);
    if (blocks === undefined) {
      return invalid(`messages.${index}.content: Input should be a valid string or list`);
    }
    const isFinalAssistant = role === 'assistant' && index === messages.length - 1;
    if (blocks.length === 0 && !isFinalAssistant) {
      return invalid(
        `messages.${index}: all messages must have non-empty content except for the optional final assistant message`,
      );
    }
    const read = readBlocks(blocks, index, role, pendingToolUses);
    if ('status' in read) {
      return read;
    }
    if (role === 'user' && pendingToolUses.length > 0) {
      const unanswered = pendingToolUses.filter((id) => !read.toolResultIds.includes(id));
      if (unanswered.length > 0) {
        return invalid(
          `messages.${index - 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(', ')}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    }
    pendingToolUses = read.toolUseIds;
    texts.push(...read.texts);
    if (role === 'user') {
      lastUserText = read.texts.join(' ');
    }
    previousRole = role;
  }
  return { texts, lastUserText };
}

function contentBlocks(content: unknown): JsonObject[] | undefined {
  if (typeof content === 'string') {
    return content === '' ? [] : [{ type: 'text', text: content }];
  }
  if (!Array.isArray(content) || !content.every(isObject)) {
    return undefined;
  }
  return content;
}

interface ReadBlocks {
  texts: string[];
  toolUseIds: string[];
  toolResultIds: string[];
}

function readBlocks(
  blocks: JsonObject[],
  index: number,
  role: 'user' | 'assistant',
  pendingToolUses: readonly string[],
): ReadBlocks | ErrorReply {
  const out: ReadBlocks = { texts: [], toolUseIds: [], toolResultIds: [] };
  for (const [position, block] of blocks.entries()) {
    const path = `messages.${index}.content.${position}`;
    const problem = checkBlock(block, path, role);
    if (problem !== undefined) {
      return problem;
    }
    if (block.type === 'text') {
      out.texts.push(block.text as string);
    } else if (block.type === 'tool_use') {
      out.toolUseIds.push(block.id as string);
    } else if (block.type === 'tool_result') {
      const id = block.tool_use_id as string;
      if (!pendingToolUses.includes(id)) {
        return invalid(
          `${path}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${id}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
        );
      }
      out.toolResultIds.push(id);
      out.texts.push(toolResultText(block.content));
    }
  }
  return out;
}

function checkBlock(block: JsonObject, path: string, role: 'user' | 'assistant'): ErrorReply | undefined {
  switch (block.type) {
    case 'text':
      return typeof block.text === 'string' && block.text !== ''
        ? undefined
        : invalid('messages: text content blocks must be non-empty');
    case 'image':
    case 'document':
      return checkSource(block, path);
    case 'tool_use':
      if (role !== 'assistant')
        return invalid(`${path}: tool_use blocks are only allowed in assistant messages`);
      return typeof block.id === 'string' && typeof block.name === 'string' && isObject(block.input)
        ? undefined
        : invalid(`${path}.tool_use: id, name and an object input are required`);
    case 'tool_result':
      if (role !== 'user') return invalid(`${path}: tool_result blocks are only allowed in user messages`);
      return typeof block.tool_use_id === 'string'
        ? undefined
        : invalid(`${path}.tool_result.tool_use_id: Field required`);
    case 'thinking':
      if (typeof block.thinking !== 'string') return invalid(`${path}.thinking.thinking: Field required`);
      return typeof block.signature === 'string' && block.signature !== ''
        ? undefined
        : invalid(`${path}.thinking.signature: Field required`);
    case 'redacted_thinking':
      return typeof block.data === 'string'
        ? undefined
        : invalid(`${path}.redacted_thinking.data: Field required`);
    default:
      return typeof block.type === 'string' ? undefined : invalid(`${path}.type: Field required`);
  }
}

function checkSource(block: JsonObject, path: string): ErrorReply | undefined {
  const kind = block.type as 'image' | 'document';
  const source = block.source;
  if (!isObject(source) || typeof source.type !== 'string' || !sourceTypes[kind]?.has(source.type)) {
    return invalid(`${path}.${kind}.source: Input tag does not match any of the expected source types`);
  }
  if (source.type === 'url') {
    return typeof source.url === 'string' ? undefined : invalid(`${path}.${kind}.source.url: Field required`);
  }
  if (source.type === 'file') {
    return typeof source.file_id === 'string'
      ? undefined
      : invalid(`${path}.${kind}.source.file_id: Field required`);
  }
  if (typeof source.data !== 'string' && source.type !== 'content') {
    return invalid(`${path}.${kind}.source.data: Field required`);
  }
  if (kind === 'image' && !imageMediaTypes.has(String(source.media_type))) {
    return invalid(
      `${path}.image.source.base64.media_type: Input should be 'image/jpeg', 'image/png', 'image/gif' or 'image/webp'`,
    );
  }
  if (kind === 'document' && source.type === 'base64' && source.media_type !== 'application/pdf') {
    return invalid(`${path}.document.source.base64.media_type: Input should be 'application/pdf'`);
  }
  return undefined;
}

function toolResultText(content: unknown): string {
  if (typeof content === 'string') {
    return content;
  }
  if (!Array.isArray(content)) {
    return '';
  }
  return content
    .filter(isObject)
    .map((part) => (part.type === 'text' && typeof part.text === 'string' ? part.text : ''))
    .filter((text) => text !== '')
    .join(' ');
}

function invalid(message: string): ErrorReply {
  return anthropicError(400, message);
}
