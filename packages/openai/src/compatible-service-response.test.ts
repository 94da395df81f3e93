import { attachRawJson, type ChatChunk, type ChatResponse, getRawJson, type Usage } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import {
  normaliseCompatibleChunk,
  normaliseCompatibleResponse,
  normaliseCompatibleStream,
  normaliseCompatibleUsage,
} from './compatible-service-response.js';

function response(message: Record<string, unknown>, extra: Partial<ChatResponse> = {}): ChatResponse {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [{ index: 0, message: { role: 'assistant', content: 'Hi', ...message }, finish_reason: 'stop' }],
    ...extra,
  };
}

function chunk(delta: Record<string, unknown>, usage?: Usage): ChatChunk {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta }],
    ...(usage ? { usage } : {}),
  };
}

describe('normaliseCompatibleUsage', () => {
  it('keeps a canonical usage object as it is', () => {
    const usage = { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 };
    expect(normaliseCompatibleUsage(usage)).toBe(usage);
  });

  it("reads DeepSeek's cache hits as cached tokens", () => {
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 5,
      total_tokens: 105,
      prompt_cache_hit_tokens: 64,
      prompt_cache_miss_tokens: 36,
    };
    expect(normaliseCompatibleUsage(usage).prompt_tokens_details?.cached_tokens).toBe(64);
  });

  it('counts null as 0 and keeps total = prompt + completion', () => {
    const usage = { prompt_tokens: 10, completion_tokens: null, total_tokens: 0 } as unknown as Usage;
    expect(normaliseCompatibleUsage(usage)).toMatchObject({
      prompt_tokens: 10,
      completion_tokens: 0,
      total_tokens: 10,
    });
  });

  it('folds separately counted reasoning tokens into completion tokens when asked', () => {
    const usage = {
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 35,
      completion_tokens_details: { reasoning_tokens: 20 },
    };
    expect(normaliseCompatibleUsage(usage, true)).toMatchObject({ completion_tokens: 25, total_tokens: 35 });
    const already = { ...usage, completion_tokens: 25 };
    expect(normaliseCompatibleUsage(already, true)).toBe(already);
  });
});

describe('normaliseCompatibleResponse', () => {
  it('returns the same object (and its raw JSON) when nothing changes', () => {
    const original = attachRawJson(response({}), '{"raw":true}');
    const normalised = normaliseCompatibleResponse(original, { reasoningField: 'reasoning' });
    expect(normalised).toBe(original);
    expect(getRawJson(normalised)).toBe('{"raw":true}');
  });

  it('moves reasoning text from the service field to reasoning_content', () => {
    const normalised = normaliseCompatibleResponse(response({ reasoning: 'Because.' }), {
      reasoningField: 'reasoning',
    });
    expect(normalised.choices[0]?.message).toEqual({
      role: 'assistant',
      content: 'Hi',
      reasoning_content: 'Because.',
    });
  });

  it('maps an empty finish reason with tool calls to tool_calls', () => {
    const toolCalls = [{ id: 'call_1', type: 'function', function: { name: 'f', arguments: '{}' } }];
    const original = response({ content: null, tool_calls: toolCalls });
    const withEmpty = { ...original, choices: [{ ...original.choices[0]!, finish_reason: '' }] };
    const normalised = normaliseCompatibleResponse(withEmpty, { emptyFinishReasonIsToolCalls: true });
    expect(normalised.choices[0]?.finish_reason).toBe('tool_calls');
  });

  it('flattens text and reasoning content parts', () => {
    const content = [
      { type: 'reasoning', summary: [{ type: 'summary_text', text: 'Think.' }] },
      { type: 'text', text: 'Answer.' },
    ];
    const normalised = normaliseCompatibleResponse(response({ content }), { contentParts: true });
    expect(normalised.choices[0]?.message).toMatchObject({ content: 'Answer.', reasoning_content: 'Think.' });
  });
});

describe('normaliseCompatibleChunk and stream', () => {
  it('moves delta reasoning and normalises usage chunks', async () => {
    const quirks = { reasoningField: 'reasoning', foldReasoningTokens: true };
    const usage = {
      prompt_tokens: 3,
      completion_tokens: 2,
      total_tokens: 9,
      completion_tokens_details: { reasoning_tokens: 4 },
    };
    async function* source() {
      yield chunk({ role: 'assistant', content: '' });
      yield chunk({ reasoning: 'Hmm' });
      yield { ...chunk({}, usage), choices: [] };
    }
    const chunks: ChatChunk[] = [];
    for await (const next of normaliseCompatibleStream(source(), quirks)) chunks.push(next);
    expect(chunks[1]?.choices[0]?.delta).toEqual({ reasoning_content: 'Hmm' });
    expect(chunks[2]?.usage).toMatchObject({ completion_tokens: 6, total_tokens: 9 });
    const plain = chunk({ content: 'x' });
    expect(normaliseCompatibleChunk(plain, quirks)).toBe(plain);
  });
});
