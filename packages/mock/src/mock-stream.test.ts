import { type ChatChunk, makeUsage, safeParseJson, type ToolCall } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { MockCompletion } from './mock-completion.js';
import { mockChunks, splitFixed, splitWords } from './mock-stream.js';

const meta = { id: 'chatcmpl-mock-1', created: 1_700_000_000, model: 'demo' };
const text: MockCompletion = {
  content: 'Hello there,  general Kenobi',
  toolCalls: [],
  finishReason: 'stop',
  completionTokens: 7,
};
const call: ToolCall = {
  id: 'call_abc',
  type: 'function',
  function: { name: 'get_weather', arguments: '{"city":"mock","unit":"c"}' },
};
const tools: MockCompletion = {
  content: null,
  toolCalls: [call],
  finishReason: 'tool_calls',
  completionTokens: 9,
};

const joined = (chunks: ChatChunk[], index = 0) =>
  chunks
    .flatMap((chunk) => chunk.choices)
    .filter((choice) => choice.index === index)
    .map((choice) => choice.delta.content ?? '')
    .join('');

describe('splitWords', () => {
  it('splits into words that join back to the text', () => {
    expect(splitWords('Hello there,  general Kenobi')).toEqual(['Hello ', 'there,  ', 'general ', 'Kenobi']);
    expect(splitWords('  lead')).toEqual(['  lead']);
    expect(splitWords('   ')).toEqual(['   ']);
    expect(splitWords('')).toEqual([]);
  });
});

describe('splitFixed', () => {
  it('splits into fixed-size pieces without breaking surrogate pairs', () => {
    expect(splitFixed('abcdefghij', 4)).toEqual(['abcd', 'efgh', 'ij']);
    expect(splitFixed('a😀b', 2)).toEqual(['a😀', 'b']);
  });
});

describe('mockChunks', () => {
  it('streams a role chunk, the words and a finish chunk', () => {
    const chunks = mockChunks(text, meta, { choices: 1 });
    expect(chunks[0]).toEqual({
      ...meta,
      object: 'chat.completion.chunk',
      choices: [{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }],
    });
    expect(chunks.map((chunk) => chunk.choices[0]?.delta.content)).toEqual([
      '',
      'Hello ',
      'there,  ',
      'general ',
      'Kenobi',
      undefined,
    ]);
    expect(chunks.at(-1)?.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]);
    expect(joined(chunks)).toBe(text.content);
    expect(chunks.every((chunk) => !('usage' in chunk))).toBe(true);
  });

  it('ends with a usage chunk (and usage: null elsewhere) only when usage is given', () => {
    const usage = makeUsage({ promptTokens: 3, completionTokens: 7 });
    const chunks = mockChunks(text, meta, { choices: 1, usage });
    expect(chunks.at(-1)).toEqual({ ...meta, object: 'chat.completion.chunk', choices: [], usage });
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === null)).toBe(true);
  });

  it('streams every choice', () => {
    const chunks = mockChunks(text, meta, { choices: 2 });
    expect(joined(chunks, 0)).toBe(text.content);
    expect(joined(chunks, 1)).toBe(text.content);
    expect(chunks.filter((chunk) => chunk.choices[0]?.finish_reason === 'stop')).toHaveLength(2);
  });

  it('streams tool calls as a head delta and argument fragments that reassemble', () => {
    const chunks = mockChunks(tools, meta, { choices: 1 });
    expect(chunks[0]?.choices[0]?.delta).toEqual({ role: 'assistant', content: null });
    expect(chunks[1]?.choices[0]?.delta.tool_calls).toEqual([
      { index: 0, id: 'call_abc', type: 'function', function: { name: 'get_weather', arguments: '' } },
    ]);
    const fragments = chunks.slice(2, -1).map((chunk) => chunk.choices[0]?.delta.tool_calls?.[0]);
    expect(fragments.length).toBeGreaterThan(1);
    expect(fragments.every((fragment) => fragment?.index === 0 && fragment.id === undefined)).toBe(true);
    const args = fragments.map((fragment) => fragment?.function?.arguments ?? '').join('');
    expect(safeParseJson(args)).toEqual({ ok: true, value: { city: 'mock', unit: 'c' } });
    expect(chunks.at(-1)?.choices[0]?.finish_reason).toBe('tool_calls');
  });
});
