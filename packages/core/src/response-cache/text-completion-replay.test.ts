import { describe, expect, it } from 'vitest';
import type { TextCompletion } from '../schemas/text-completion.js';
import { assembleTextCompletion } from './assemble-text-completion.js';
import { replayTextCompletion } from './replay-text-completion.js';

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

const completion: TextCompletion = {
  id: 'cmpl-1',
  object: 'text_completion',
  created: 3,
  model: 'gpt-3.5-turbo-instruct',
  choices: [
    { text: 'one', index: 0, logprobs: null, finish_reason: 'stop' },
    { text: 'two', index: 1, logprobs: null, finish_reason: 'length' },
  ],
  usage: { prompt_tokens: 2, completion_tokens: 2, total_tokens: 4 },
};

describe('legacy completions replay', () => {
  it('replays text, finish reasons and (when asked) usage, and assembles back to the same completion', async () => {
    const chunks = await collect(replayTextCompletion(completion, true));
    expect(chunks.map((chunk) => chunk.choices.map((choice) => [choice.text, choice.finish_reason]))).toEqual(
      [[['one', null]], [['', 'stop']], [['two', null]], [['', 'length']], []],
    );
    expect(chunks.at(-1)?.usage).toEqual(completion.usage);
    expect(assembleTextCompletion(chunks)).toEqual(completion);
    const quiet = await collect(replayTextCompletion(completion, false));
    expect(quiet.some((chunk) => chunk.usage)).toBe(false);
    expect(assembleTextCompletion(quiet, completion.usage ?? undefined)).toEqual(completion);
  });
});
