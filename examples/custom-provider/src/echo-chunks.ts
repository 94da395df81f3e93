import type { ChatChunk, Usage } from '@switchyard/core';
import type { EchoAnswer } from './echo-answer.js';

/**
 * Splits text into words, each keeping the whitespace after it (the first also any before it);
 * joined, they are the text.
 */
export function splitWords(text: string): string[] {
  if (text === '') return [];
  return text.match(/\s*\S+\s*/g) ?? [text];
}

/**
 * The answer as OpenAI's chunk sequence. Per choice: a first delta `{role: 'assistant', content: ''}`,
 * the text word by word, then an empty delta with `finish_reason: 'stop'`. With usage
 * (`stream_options.include_usage`) every chunk has `usage: null` and a last chunk with
 * `choices: []` carries the usage, as OpenAI sends it.
 */
export function echoChunks(answer: EchoAnswer, usage?: Usage): ChatChunk[] {
  const chunk = (choices: ChatChunk['choices']): ChatChunk => ({
    id: answer.id,
    object: 'chat.completion.chunk',
    created: answer.created,
    model: answer.model,
    choices,
    ...(usage === undefined ? {} : { usage: null }),
  });
  const deltas = [
    { role: 'assistant' as const, content: '' },
    ...splitWords(answer.content).map((content) => ({ content })),
  ];
  const out: ChatChunk[] = [];
  for (let index = 0; index < answer.choices; index += 1) {
    for (const delta of deltas) out.push(chunk([{ index, delta, logprobs: null, finish_reason: null }]));
    out.push(chunk([{ index, delta: {}, logprobs: null, finish_reason: 'stop' }]));
  }
  if (usage !== undefined) out.push({ ...chunk([]), usage });
  return out;
}
