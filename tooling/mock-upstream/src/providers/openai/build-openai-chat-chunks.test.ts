import { describe, expect, it } from 'vitest';
import { buildOpenAIChatChunks, splitArguments, splitIntoWordChunks } from './build-openai-chat-chunks.js';
import { buildOpenAIUsage } from './openai-usage.js';
import type { OpenAIChatPlan } from './plan-openai-chat-completion.js';

const plan: OpenAIChatPlan = {
  id: 'chatcmpl-test',
  created: 1,
  model: 'gpt-4o-mini',
  serviceTier: 'default',
  systemFingerprint: 'fp_test',
  choices: [{ index: 0, content: 'Hi there', toolCalls: [], finishReason: 'stop' }],
  usage: buildOpenAIUsage({ promptTokens: 1, completionTokens: 2 }),
};

describe('splitIntoWordChunks', () => {
  it('keeps whitespace with the preceding word so pieces join back', () => {
    expect(splitIntoWordChunks('  a b\n\nc ')).toEqual(['  a ', 'b\n\n', 'c ']);
    expect(splitIntoWordChunks('')).toEqual([]);
    expect(splitIntoWordChunks(' \n')).toEqual([' \n']);
  });
});

describe('splitArguments', () => {
  it('splits into short fragments that join back', () => {
    const args = '{"location":"Paris"}';
    expect(splitArguments(args).length).toBeGreaterThan(1);
    expect(splitArguments(args).join('')).toBe(args);
    expect(splitArguments('')).toEqual([]);
  });
});

describe('buildOpenAIChatChunks', () => {
  it('omits usage entirely without include_usage', () => {
    const chunks = buildOpenAIChatChunks(plan, false);

    expect(chunks.map((chunk) => chunk.choices[0]?.delta)).toEqual([
      { role: 'assistant', content: '' },
      { content: 'Hi ' },
      { content: 'there' },
      {},
    ]);
    expect(chunks.some((chunk) => 'usage' in chunk)).toBe(false);
  });

  it('ends with a usage chunk without choices when include_usage is set', () => {
    const chunks = buildOpenAIChatChunks(plan, true);

    expect(chunks).toHaveLength(5);
    expect(chunks.at(-1)).toEqual({
      id: 'chatcmpl-test',
      object: 'chat.completion.chunk',
      created: 1,
      model: 'gpt-4o-mini',
      service_tier: 'default',
      system_fingerprint: 'fp_test',
      choices: [],
      usage: plan.usage,
    });
  });
});
