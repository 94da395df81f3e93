import type { ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { cutAtStop, planCompletion } from './mock-completion.js';
import { mockReply } from './mock-reply.js';
import { estimateTokens } from './mock-usage.js';

const request: ChatRequest = { model: 'demo', messages: [{ role: 'user', content: 'Tell me a story' }] };
const reply = mockReply(request, 'demo');

describe('planCompletion', () => {
  it('answers with the reply and finish reason stop', () => {
    expect(planCompletion(request, 'demo')).toEqual({
      content: reply,
      toolCalls: [],
      finishReason: 'stop',
      completionTokens: estimateTokens(reply),
    });
  });

  it('cuts the reply to max_tokens (or max_completion_tokens) with finish reason length', () => {
    const cut = planCompletion({ ...request, max_tokens: 3 }, 'demo');
    expect(cut).toMatchObject({ content: reply.slice(0, 12), finishReason: 'length', completionTokens: 3 });
    const preferred = planCompletion({ ...request, max_tokens: 100, max_completion_tokens: 2 }, 'demo');
    expect(preferred).toMatchObject({ content: reply.slice(0, 8), finishReason: 'length' });
    expect(planCompletion({ ...request, max_tokens: 1000 }, 'demo').finishReason).toBe('stop');
  });

  it('stops before a stop sequence', () => {
    expect(planCompletion({ ...request, stop: ['mock', 'xyz'] }, 'demo').content).toBe('This is a ');
  });

  it('answers with tool calls and finish reason tool_calls', () => {
    const plan = planCompletion(
      { ...request, tools: [{ type: 'function', function: { name: 'lookup' } }], tool_choice: 'required' },
      'demo',
    );
    expect(plan.content).toBeNull();
    expect(plan.finishReason).toBe('tool_calls');
    expect(plan.toolCalls.map((call) => call.function.name)).toEqual(['lookup']);
  });
});

describe('cutAtStop', () => {
  it('cuts at the earliest sequence and ignores absent or empty ones', () => {
    expect(cutAtStop('one two three', ['three', 'two'])).toBe('one ');
    expect(cutAtStop('one two', 'zzz')).toBe('one two');
    expect(cutAtStop('one two', [''])).toBe('one two');
    expect(cutAtStop('one two', undefined)).toBe('one two');
  });
});
