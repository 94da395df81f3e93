import { describe, expect, it } from 'vitest';
import type { EchoAnswer } from './echo-answer.js';
import { echoChunks, splitWords } from './echo-chunks.js';

const answer: EchoAnswer = {
  id: 'chatcmpl-echo-1',
  created: 1_700_000_000,
  model: 'reverse',
  content: 'dlrow olleh',
  choices: 1,
};
const head = {
  id: 'chatcmpl-echo-1',
  object: 'chat.completion.chunk',
  created: 1_700_000_000,
  model: 'reverse',
};

describe('splitWords', () => {
  it('keeps all whitespace, so the words join back to the text', () => {
    const text = '  two  words\nand more ';
    expect(splitWords(text)).toEqual(['  two  ', 'words\n', 'and ', 'more ']);
    expect(splitWords(text).join('')).toBe(text);
  });

  it('gives nothing for an empty text', () => {
    expect(splitWords('')).toEqual([]);
  });
});

describe('echoChunks', () => {
  it('streams the role, the words and the finish reason, without usage unless asked', () => {
    expect(echoChunks(answer)).toEqual([
      {
        ...head,
        choices: [
          { index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null },
        ],
      },
      { ...head, choices: [{ index: 0, delta: { content: 'dlrow ' }, logprobs: null, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: { content: 'olleh' }, logprobs: null, finish_reason: null }] },
      { ...head, choices: [{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }] },
    ]);
  });

  it('ends with a usage chunk, and usage: null on the others, when usage is given', () => {
    const usage = { prompt_tokens: 3, completion_tokens: 3, total_tokens: 6 };
    const chunks = echoChunks(answer, usage);
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
    expect(chunks.at(-1)).toEqual({ ...head, choices: [], usage });
  });

  it('streams every choice in turn for n > 1', () => {
    const chunks = echoChunks({ ...answer, choices: 2 });
    expect(chunks.map((chunk) => chunk.choices[0]?.index)).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toHaveLength(2);
  });
});
