import type { ChatChunk, ChatChunkDelta, ToolCall, Usage } from '@switchyard/core';
import type { MockAnswerMeta } from './mock-chat-response.js';
import type { MockCompletion } from './mock-completion.js';

/** Characters per streamed fragment of tool call arguments. */
export const argumentFragmentLength = 8;

export interface MockChunkOptions {
  /** Number of choices (`n`); each choice's chunks follow the previous choice's. */
  choices: number;
  /** When set (`stream_options.include_usage`), a last chunk with `choices: []` carries it. */
  usage?: Usage | undefined;
}

/**
 * The OpenAI chunk sequence of an answer. Per choice: a first delta `{role: 'assistant', content: ''}`
 * (content null for tool calls), then the text word by word, or per tool call a delta with its
 * index, id, type, name and empty arguments followed by argument fragments, then an empty delta with
 * the finish reason. With usage, every chunk has `usage: null` and a final chunk has the usage.
 */
export function mockChunks(
  completion: MockCompletion,
  meta: MockAnswerMeta,
  options: MockChunkOptions,
): ChatChunk[] {
  const withUsage = options.usage !== undefined;
  const chunk = (choices: ChatChunk['choices']): ChatChunk => ({
    id: meta.id,
    object: 'chat.completion.chunk',
    created: meta.created,
    model: meta.model,
    choices,
    ...(withUsage ? { usage: null } : {}),
  });
  const out: ChatChunk[] = [];
  for (let index = 0; index < options.choices; index += 1) {
    for (const delta of choiceDeltas(completion)) {
      out.push(chunk([{ index, delta, logprobs: null, finish_reason: null }]));
    }
    out.push(chunk([{ index, delta: {}, logprobs: null, finish_reason: completion.finishReason }]));
  }
  if (options.usage !== undefined) out.push({ ...chunk([]), usage: options.usage });
  return out;
}

/** The deltas of one choice before its finish chunk. */
function choiceDeltas(completion: MockCompletion): ChatChunkDelta[] {
  if (completion.toolCalls.length > 0) {
    return [{ role: 'assistant', content: null }, ...completion.toolCalls.flatMap(toolCallDeltas)];
  }
  const words = splitWords(completion.content ?? '');
  return [{ role: 'assistant', content: '' }, ...words.map((word) => ({ content: word }))];
}

function toolCallDeltas(call: ToolCall, index: number): ChatChunkDelta[] {
  const head: ChatChunkDelta = {
    tool_calls: [
      { index, id: call.id, type: 'function', function: { name: call.function.name, arguments: '' } },
    ],
  };
  const fragments = splitFixed(call.function.arguments, argumentFragmentLength).map(
    (fragment): ChatChunkDelta => ({ tool_calls: [{ index, function: { arguments: fragment } }] }),
  );
  return [head, ...fragments];
}

/**
 * Splits text into words, each keeping the whitespace after it (the first also any before it);
 * joined, they are the text.
 */
export function splitWords(text: string): string[] {
  if (text === '') return [];
  return text.match(/\s*\S+\s*/g) ?? [text];
}

/** Splits text into pieces of `length` code points (the last may be shorter; pairs stay whole). */
export function splitFixed(text: string, length: number): string[] {
  const characters = Array.from(text);
  const out: string[] = [];
  for (let at = 0; at < characters.length; at += length) out.push(characters.slice(at, at + length).join(''));
  return out;
}
