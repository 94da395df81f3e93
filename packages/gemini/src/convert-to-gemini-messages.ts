import { BadRequestError, type ChatMessage, isRecord, safeParseJson } from '@switchyard/core';
import { convertUserPart, type PartContext } from './convert-to-gemini-parts.js';
import { thoughtSignatureOf } from './gemini-tool-call-id.js';
import type { GeminiContent, GeminiPart } from './gemini-wire-types.js';

export interface GeminiPrompt {
  systemInstruction?: { parts: Array<{ text: string }> };
  contents: GeminiContent[];
}

type TextContent = string | ReadonlyArray<{ type: string; text?: string }> | null | undefined;

function textOf(content: TextContent): string {
  if (typeof content === 'string') return content;
  return (content ?? []).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join('');
}

/** Function-call arguments as the object Gemini wants; text that is not a JSON object is kept under `arguments`. */
function argsOf(text: string): Record<string, unknown> {
  if (text.trim() === '') return {};
  const parsed = safeParseJson(text);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : { arguments: text };
}

/** A tool result as a function response object: a JSON object as it is, anything else as `content`. */
function responseOf(text: string): Record<string, unknown> {
  const parsed = safeParseJson(text);
  return parsed.ok && isRecord(parsed.value) ? parsed.value : { content: text };
}

/** Names of the functions each tool call id called, so tool results can name their function. */
function functionNamesById(messages: readonly ChatMessage[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const message of messages) {
    if (message.role !== 'assistant') continue;
    for (const call of message.tool_calls ?? []) names.set(call.id, call.function.name);
  }
  return names;
}

function assistantParts(message: Extract<ChatMessage, { role: 'assistant' }>): GeminiPart[] {
  const parts: GeminiPart[] = [];
  const text = textOf(message.content);
  if (text !== '') parts.push({ text });
  for (const call of message.tool_calls ?? []) {
    const signature = thoughtSignatureOf(call.id);
    parts.push({
      functionCall: { name: call.function.name, args: argsOf(call.function.arguments) },
      ...(signature ? { thoughtSignature: signature } : {}),
    });
  }
  if (message.function_call) {
    parts.push({
      functionCall: { name: message.function_call.name, args: argsOf(message.function_call.arguments) },
    });
  }
  return parts;
}

function userParts(
  message: Extract<ChatMessage, { role: 'user' }>,
  context: PartContext,
  param: string,
): GeminiPart[] {
  if (typeof message.content === 'string') return message.content === '' ? [] : [{ text: message.content }];
  return message.content.flatMap(
    (part, index) => convertUserPart(part, context, `${param}.content[${index}]`) ?? [],
  );
}

function toolResultPart(name: string, content: TextContent): GeminiPart {
  return { functionResponse: { name, response: responseOf(textOf(content)) } };
}

/** Appends a turn, merging it into the previous one when the role repeats (Gemini wants alternation). */
function append(contents: GeminiContent[], role: GeminiContent['role'], parts: GeminiPart[]): void {
  if (parts.length === 0) return;
  const last = contents.at(-1);
  if (last?.role === role) last.parts.push(...parts);
  else contents.push({ role, parts });
}

/**
 * Chat messages as Gemini's prompt: system and developer messages become the system instruction;
 * user turns and tool results (function responses, named after the function their call id called)
 * become `user` turns; assistant turns become `model` turns with their function calls (thought
 * signatures restored from the call ids); consecutive turns of one role are merged.
 */
export function convertToGeminiMessages(
  messages: readonly ChatMessage[],
  context: PartContext,
): GeminiPrompt {
  const names = functionNamesById(messages);
  const system: string[] = [];
  const contents: GeminiContent[] = [];
  for (const [index, message] of messages.entries()) {
    const param = `messages[${index}]`;
    switch (message.role) {
      case 'system':
      case 'developer': {
        const text = textOf(message.content);
        if (text !== '') system.push(text);
        break;
      }
      case 'user':
        append(contents, 'user', userParts(message, context, param));
        break;
      case 'assistant':
        append(contents, 'model', assistantParts(message));
        break;
      case 'tool': {
        const name = names.get(message.tool_call_id);
        if (name === undefined) {
          throw new BadRequestError({
            message: `Tool message answers tool_call_id "${message.tool_call_id}", which no assistant message called; ${context.provider} needs the function's name`,
            param: `${param}.tool_call_id`,
            provider: context.provider,
            model: context.model,
          });
        }
        append(contents, 'user', [toolResultPart(name, message.content)]);
        break;
      }
      case 'function':
        append(contents, 'user', [toolResultPart(message.name, message.content ?? '')]);
        break;
    }
  }
  return {
    ...(system.length > 0 ? { systemInstruction: { parts: system.map((text) => ({ text })) } } : {}),
    contents,
  };
}
