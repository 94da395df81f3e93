import { InternalServerError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { convertMistralResponse } from './convert-mistral-response.js';
import { mapMistralFinishReason } from './map-mistral-finish-reason.js';

const context = { provider: 'mistral', model: 'mistral-small-latest' };

describe('convertMistralResponse', () => {
  it('converts a plain answer and leaves Mistral-only fields out', () => {
    const response = convertMistralResponse(loadJsonFixture('chat-completion.response.json'), context);

    expect(response).toEqual({
      id: 'cmpl-e5cc70bb28c444948073e77776eb30ef',
      object: 'chat.completion',
      created: 1702256327,
      model: 'mistral-small-latest',
      choices: [
        {
          index: 0,
          message: { role: 'assistant', content: expect.stringContaining('Comté') },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 16, completion_tokens: 34, total_tokens: 50 },
    });
  });

  it('gives tool calls their type and string arguments, and empty content next to them becomes null', () => {
    const response = convertMistralResponse(loadJsonFixture('chat-tool-call.response.json'), context);

    expect(response.choices[0]).toEqual({
      index: 0,
      message: {
        role: 'assistant',
        content: null,
        tool_calls: [
          {
            id: 'D681PevKs',
            type: 'function',
            function: { name: 'retrieve_payment_status', arguments: '{"transaction_id": "T1001"}' },
          },
          {
            id: 'VvvODy9mT',
            type: 'function',
            function: { name: 'retrieve_payment_date', arguments: '{"transaction_id":"T1001"}' },
          },
        ],
      },
      finish_reason: 'tool_calls',
    });
  });

  it('splits a thinking model’s chunks into content and reasoning_content, and reports cached tokens', () => {
    const response = convertMistralResponse(loadJsonFixture('chat-thinking.response.json'), context);

    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '17 × 23 = **391**.',
      reasoning_content: 'The user asks for 17 * 23. 17 * 20 = 340 and 17 * 3 = 51, so 391.',
    });
    expect(response.usage).toEqual({
      prompt_tokens: 21,
      completion_tokens: 57,
      total_tokens: 78,
      prompt_tokens_details: { cached_tokens: 16 },
    });
  });

  it('derives an id for a tool call returned without one', () => {
    const body = {
      id: 'x',
      choices: [
        {
          index: 0,
          message: { tool_calls: [{ function: { name: 'f', arguments: '{}' } }] },
          finish_reason: 'tool_calls',
        },
      ],
    };

    expect(convertMistralResponse(body, context).choices[0]?.message.tool_calls?.[0]?.id).toMatch(
      /^[A-Za-z0-9]{9}$/,
    );
  });
});

describe('mapMistralFinishReason', () => {
  it('maps Mistral’s reasons to OpenAI’s', () => {
    expect(mapMistralFinishReason('stop', context)).toBe('stop');
    expect(mapMistralFinishReason('length', context)).toBe('length');
    expect(mapMistralFinishReason('model_length', context)).toBe('length');
    expect(mapMistralFinishReason('tool_calls', context)).toBe('tool_calls');
    expect(mapMistralFinishReason(null, context)).toBeNull();
  });

  it('turns a generation error into a retryable error instead of a complete-looking answer', () => {
    expect(() => mapMistralFinishReason('error', context)).toThrow(InternalServerError);
  });
});
