import { BadGatewayError, ContentPolicyViolationError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { convertGeminiResponse } from './convert-gemini-response.js';

const context = { provider: 'gemini', model: 'gemini-2.0-flash', created: 1_754_000_000 };

describe('convertGeminiResponse', () => {
  it('converts a text answer', () => {
    expect(convertGeminiResponse(loadJsonFixture('generate-content.response.json'), context)).toEqual({
      id: 'chatcmpl-FWqfaIXPN6LuvdIPgq7k-Ac',
      object: 'chat.completion',
      created: 1_754_000_000,
      model: 'gemini-2.0-flash',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: 'Meow! *Stretches and yawns* Hello there! What can Neko do for you today? 😺',
          },
          finish_reason: 'stop',
        },
      ],
      usage: { prompt_tokens: 14, completion_tokens: 22, total_tokens: 36 },
    });
  });

  it('returns thoughts as reasoning_content and counts them as completion (reasoning) tokens', () => {
    const response = convertGeminiResponse(
      loadJsonFixture('generate-content-thinking.response.json'),
      context,
    );

    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '2 + 2 = 4',
      reasoning_content: '**Calculating the sum**\n\nThe user asks for 2 + 2, a simple addition.',
    });
    expect(response.usage).toEqual({
      prompt_tokens: 12,
      completion_tokens: 123,
      total_tokens: 135,
      prompt_tokens_details: { cached_tokens: 8 },
      completion_tokens_details: { reasoning_tokens: 116 },
    });
    expect(response.model).toBe('gemini-2.5-flash');
  });

  it('returns parallel function calls as tool calls with stable ids carrying the thought signature', () => {
    const body = loadJsonFixture('generate-content-function-call.response.json');
    const first = convertGeminiResponse(body, context);
    const again = convertGeminiResponse(body, context);

    expect(first.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: null,
        tool_calls: [
          {
            id: expect.stringMatching(
              /^call_[0-9a-f]{24}__thought__CiQB0e2Kb5Ys4a1n\/j8DpH3QS2Z7yaHXiF6cfZwpBkOjPKO9dVQ=$/,
            ),
            type: 'function',
            function: {
              name: 'get_current_weather',
              arguments: '{"location":"Boston, MA","unit":"celsius"}',
            },
          },
          {
            id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
            type: 'function',
            function: { name: 'get_current_time', arguments: '{"timezone":"America/New_York"}' },
          },
        ],
      },
    });
    expect(again.choices[0]?.message.tool_calls).toEqual(first.choices[0]?.message.tool_calls);
  });

  it('throws ContentPolicyViolationError for a blocked prompt, BadGatewayError for no candidates', () => {
    expect(() => convertGeminiResponse(loadJsonFixture('prompt-blocked.response.json'), context)).toThrow(
      ContentPolicyViolationError,
    );
    expect(() => convertGeminiResponse(loadJsonFixture('prompt-blocked.response.json'), context)).toThrow(
      /PROHIBITED_CONTENT/,
    );
    expect(() => convertGeminiResponse({ usageMetadata: {} }, context)).toThrow(BadGatewayError);
  });

  it('maps a safety stop with no content to content_filter and a null content', () => {
    const response = convertGeminiResponse(
      { candidates: [{ finishReason: 'SAFETY', index: 0, safetyRatings: [] }], responseId: 'r' },
      context,
    );

    expect(response.choices).toEqual([
      { index: 0, message: { role: 'assistant', content: null }, finish_reason: 'content_filter' },
    ]);
  });
});
