import type { ChatMessage, ToolCall, UserContentPart } from '@switchyard/core';
import type {
  AnthropicImageInputBlock,
  AnthropicInputBlock,
  AnthropicInputMessage,
  AnthropicMessagesRequest,
  AnthropicTextInputBlock,
  AnthropicToolResultInputBlock,
} from './anthropic-messages-request.js';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;
type TextPart = { type: 'text'; text: string; cache_control?: unknown };
type ThinkingBlock = NonNullable<AssistantMessage['thinking_blocks']>[number];

/**
 * Anthropic's `system` and `messages` (content already read as blocks, a string being one text
 * block) as canonical chat messages: the system prompt first; a user
 * turn's `tool_result` blocks become `tool` messages (in order, before the turn's other content,
 * which follows as one user message); an assistant turn becomes one assistant message with its text,
 * its `tool_use` blocks as tool calls (input as JSON arguments) and its thinking blocks as
 * `thinking_blocks` (signatures kept) and `reasoning_content`. `cache_control` marks stay on parts.
 */
export function convertAnthropicMessages(
  request: Pick<AnthropicMessagesRequest, 'system' | 'messages'>,
): ChatMessage[] {
  const out: ChatMessage[] = [];
  const system = systemMessage(request.system);
  if (system) out.push(system);
  for (const message of request.messages) {
    if (message.role === 'assistant') out.push(assistantMessage(message));
    else out.push(...userMessages(message));
  }
  return out;
}

function systemMessage(system: AnthropicMessagesRequest['system']): ChatMessage | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system === '' ? undefined : { role: 'system', content: system };
  if (system.length === 0) return undefined;
  return { role: 'system', content: system.map(textPart) };
}

function textPart(block: AnthropicTextInputBlock): TextPart {
  return block.cache_control
    ? { type: 'text', text: block.text, cache_control: block.cache_control }
    : { type: 'text', text: block.text };
}

function imagePart(block: AnthropicImageInputBlock): UserContentPart {
  const url =
    block.source.type === 'base64'
      ? `data:${block.source.media_type};base64,${block.source.data}`
      : block.source.url;
  const part: UserContentPart = { type: 'image_url', image_url: { url } };
  return block.cache_control ? { ...part, cache_control: block.cache_control } : part;
}

function userMessages(message: AnthropicInputMessage): ChatMessage[] {
  const out: ChatMessage[] = [];
  const parts: UserContentPart[] = [];
  for (const block of message.content) {
    if (block.type === 'tool_result') {
      const { tool, images } = toolResult(block);
      out.push(tool);
      parts.push(...images);
    } else {
      const part = userPart(block);
      if (part) parts.push(part);
    }
  }
  if (parts.length > 0) out.push({ role: 'user', content: onlyText(parts) ?? parts });
  return out;
}

/** A user turn of plain text blocks without cache marks is sent as one string. */
function onlyText(parts: UserContentPart[]): string | undefined {
  if (parts.length !== 1) return undefined;
  const [part] = parts;
  return part?.type === 'text' && !('cache_control' in part) ? part.text : undefined;
}

function userPart(block: AnthropicInputBlock): UserContentPart | undefined {
  switch (block.type) {
    case 'text':
      return textPart(block);
    case 'image':
      return imagePart(block);
    case 'document':
      if (block.source.type === 'text') return { type: 'text', text: block.source.data };
      return {
        type: 'file',
        file: {
          file_data: `data:application/pdf;base64,${block.source.data}`,
          ...(block.title ? { filename: block.title } : {}),
        },
      };
    default:
      // tool_use and thinking blocks belong to assistant turns; in a user turn they carry nothing.
      return undefined;
  }
}

/** A `tool_result` as a tool message; its images (the tool message takes text only) follow as user parts. */
function toolResult(block: AnthropicToolResultInputBlock): { tool: ChatMessage; images: UserContentPart[] } {
  const base = { role: 'tool' as const, tool_call_id: block.tool_use_id };
  const marked = block.cache_control ? { cache_control: block.cache_control } : {};
  const texts: TextPart[] = [];
  const images: UserContentPart[] = [];
  for (const part of block.content ?? []) {
    if (part.type === 'text') texts.push(textPart(part));
    else images.push(imagePart(part));
  }
  const text = texts.map((part) => part.text).join('\n');
  return { tool: { ...base, content: errorText(text, block.is_error), ...marked }, images };
}

/** OpenAI-shaped tool messages have no error flag, so a failed tool's result says so in its text. */
function errorText(text: string, isError: boolean | undefined): string {
  return isError === true ? `Error: ${text}` : text;
}

function assistantMessage(message: AnthropicInputMessage): ChatMessage {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  const thinkingBlocks: ThinkingBlock[] = [];
  const reasoning: string[] = [];
  for (const block of message.content) {
    if (block.type === 'text') texts.push(block.text);
    else if (block.type === 'tool_use') {
      toolCalls.push({
        id: block.id,
        type: 'function',
        function: { name: block.name, arguments: JSON.stringify(block.input) },
      });
    } else if (block.type === 'thinking') {
      reasoning.push(block.thinking);
      thinkingBlocks.push({ type: 'thinking', thinking: block.thinking, signature: block.signature });
    } else if (block.type === 'redacted_thinking') {
      thinkingBlocks.push({ type: 'redacted_thinking', data: block.data });
    }
  }
  const out: AssistantMessage = { role: 'assistant', content: texts.length > 0 ? texts.join('') : null };
  if (toolCalls.length > 0) out.tool_calls = toolCalls;
  if (reasoning.length > 0) out.reasoning_content = reasoning.join('');
  if (thinkingBlocks.length > 0) out.thinking_blocks = thinkingBlocks;
  return out;
}
