import type { ChatMessage } from '@switchyard/core';
import { type ContentContext, textContent, userContent } from './convert-to-mistral-content.js';
import type { MistralContentChunk, MistralMessage } from './mistral-api-types.js';
import { toMistralToolCallId } from './mistral-tool-call-id.js';

type AssistantMessage = Extract<ChatMessage, { role: 'assistant' }>;

/**
 * What Switchyard puts between a tool result and a user message, which Mistral refuses to see side
 * by side ("Unexpected role 'user' after role 'tool'"): a short assistant turn acknowledging the
 * results, as a client would have shown the model's answer to them.
 */
export const toolResultsAcknowledgement = 'Understood.';

/**
 * Canonical messages to Mistral's: `developer` becomes `system`; `name` is kept only on tool
 * messages (the only ones where Mistral defines it); tool call ids are made acceptable to Mistral
 * (see `toMistralToolCallId`); reasoning text goes back as a `thinking` chunk; cache markers are
 * left out (Mistral caches prompt prefixes by itself); an assistant message with neither text nor
 * tool calls is left out (Mistral refuses it). Then Mistral's role order is applied (see
 * `applyMistralRoleOrder`).
 */
export function convertToMistralMessages(
  messages: ReadonlyArray<ChatMessage>,
  context: ContentContext,
): MistralMessage[] {
  return applyMistralRoleOrder(messages.flatMap((message) => convertMessage(message, context)));
}

function convertMessage(message: ChatMessage, context: ContentContext): MistralMessage[] {
  switch (message.role) {
    case 'system':
    case 'developer':
      return [{ role: 'system', content: textContent(message.content) }];
    case 'user':
      return [{ role: 'user', content: userContent(message.content, context) }];
    case 'assistant':
      return assistantMessage(message);
    case 'tool': {
      const name = (message as { name?: unknown }).name;
      return [
        {
          role: 'tool',
          content: textContent(message.content),
          tool_call_id: toMistralToolCallId(message.tool_call_id),
          ...(typeof name === 'string' && name.trim() !== '' ? { name } : {}),
        },
      ];
    }
    case 'function':
      return [{ role: 'tool', name: message.name, content: message.content ?? '' }];
  }
}

function assistantMessage(message: AssistantMessage): MistralMessage[] {
  const toolCalls = (message.tool_calls ?? []).map((call) => ({
    id: toMistralToolCallId(call.id),
    type: 'function' as const,
    function: { name: call.function.name, arguments: call.function.arguments },
  }));
  const content = assistantContent(message);
  if (content === undefined && toolCalls.length === 0) return [];
  return [
    {
      role: 'assistant',
      ...(content !== undefined ? { content } : {}),
      ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      ...((message as { prefix?: unknown }).prefix === true ? { prefix: true } : {}),
    },
  ];
}

function assistantContent(message: AssistantMessage): string | MistralContentChunk[] | undefined {
  const raw = message.content;
  const text = raw === null || raw === undefined || raw === '' ? undefined : textContent(raw);
  const reasoning = message.reasoning_content;
  if (!reasoning) return text;
  const thinking: MistralContentChunk = { type: 'thinking', thinking: [{ type: 'text', text: reasoning }] };
  if (text === undefined) return [thinking];
  return [thinking, ...(typeof text === 'string' ? [{ type: 'text' as const, text }] : text)];
}

/**
 * Mistral's chat templates accept fewer orders than OpenAI's: a user message may not follow a tool
 * result directly (an acknowledging assistant turn is put between them), and the last message must
 * be one it can answer: a trailing assistant message is sent as a `prefix` for the model to
 * continue (Mistral's prefill), as a caller sending one means.
 */
export function applyMistralRoleOrder(messages: MistralMessage[]): MistralMessage[] {
  const ordered: MistralMessage[] = [];
  for (const message of messages) {
    if (message.role === 'user' && ordered.at(-1)?.role === 'tool') {
      ordered.push({ role: 'assistant', content: toolResultsAcknowledgement });
    }
    ordered.push(message);
  }
  const last = ordered.at(-1);
  if (last?.role === 'assistant' && !last.tool_calls && last.content !== undefined && last.content !== null) {
    ordered[ordered.length - 1] = { ...last, prefix: true };
  }
  return ordered;
}
