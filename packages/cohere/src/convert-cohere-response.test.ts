import { InternalServerError, TimeoutError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import type { CohereChatResponse } from './cohere-api-types.js';
import { convertCohereResponse, normaliseToolArguments } from './convert-cohere-response.js';

const context = {
  provider: 'cohere',
  model: 'command-a-03-2025',
  created: 1_750_000_000,
  fallbackId: 'chatcmpl-x',
};
const fixture = (name: string) => loadJsonFixture<CohereChatResponse>(name);

describe('convertCohereResponse', () => {
  it('reads a text answer as a chat.completion', () => {
    expect(convertCohereResponse(fixture('chat.response.json'), context)).toEqual({
      id: '5a0c1f64-7d2e-4b8a-9f31-0c6e2d9b7a15',
      object: 'chat.completion',
      created: 1_750_000_000,
      model: 'command-a-03-2025',
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content:
              'Two rivers run through Lyon: the Rhône and the Saône, which meet at the south of the city.',
          },
          finish_reason: 'stop',
          logprobs: null,
        },
      ],
      usage: {
        prompt_tokens: 512,
        completion_tokens: 24,
        total_tokens: 536,
        prompt_tokens_details: { cached_tokens: 448 },
      },
    });
  });

  it('reads tool calls with their ids; the tool plan is the content', () => {
    const response = convertCohereResponse(fixture('chat-tool-call.response.json'), context);

    expect(response.choices[0]).toMatchObject({
      finish_reason: 'tool_calls',
      message: {
        content: 'I will look up the weather in Lyon and in Oslo.',
        tool_calls: [
          {
            id: 'get_weather_3kq9v2m7x1pd',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Lyon"}' },
          },
          {
            id: 'get_weather_8wz4t6n0c5hr',
            type: 'function',
            function: { name: 'get_weather', arguments: '{"city":"Oslo"}' },
          },
        ],
      },
    });
  });

  it('has null content for tool calls without a plan, and {} for missing arguments', () => {
    const response = convertCohereResponse(
      {
        id: 'r1',
        finish_reason: 'TOOL_CALL',
        message: {
          tool_calls: [{ id: 'now_1', type: 'function', function: { name: 'now', arguments: 'null' } }],
        },
      },
      context,
    );

    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: null,
      tool_calls: [{ id: 'now_1', type: 'function', function: { name: 'now', arguments: '{}' } }],
    });
  });

  it('returns thinking as reasoning_content', () => {
    const response = convertCohereResponse(fixture('chat-reasoning.response.json'), context);

    expect(response.choices[0]?.message).toEqual({
      role: 'assistant',
      content: '17 × 3 = 51.',
      reasoning_content: 'The user wants 17 times 3. 17 times 3 is 51.',
    });
  });

  it('maps MAX_TOKENS to length', () => {
    const response = convertCohereResponse(
      { ...fixture('chat.response.json'), finish_reason: 'MAX_TOKENS' },
      context,
    );

    expect(response.choices[0]?.finish_reason).toBe('length');
  });

  it('throws for ERROR and TIMEOUT finishes', () => {
    const failed = { ...fixture('chat.response.json'), finish_reason: 'ERROR' };
    const late = { ...fixture('chat.response.json'), finish_reason: 'TIMEOUT' };

    expect(() => convertCohereResponse(failed, context)).toThrow(InternalServerError);
    expect(() => convertCohereResponse(late, context)).toThrow(TimeoutError);
  });
});

describe('normaliseToolArguments', () => {
  it('keeps real arguments and turns nothing into {}', () => {
    expect(normaliseToolArguments('{"a":1}')).toBe('{"a":1}');
    expect(normaliseToolArguments(' null ')).toBe('{}');
    expect(normaliseToolArguments(undefined)).toBe('{}');
  });
});
