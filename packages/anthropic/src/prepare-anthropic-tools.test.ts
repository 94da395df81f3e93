import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

const weather: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
    strict: true,
  },
  cache_control: { type: 'ephemeral' },
};
const time: NonNullable<ChatRequest['tools']>[number] = { type: 'function', function: { name: 'get_time' } };

describe('prepareAnthropicTools', () => {
  it('turns functions into name, description and input_schema, cache_control kept', () => {
    expect(prepareAnthropicTools({ tools: [weather, time] })).toEqual({
      tools: [
        {
          name: 'get_weather',
          description: 'Current weather',
          input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
          cache_control: { type: 'ephemeral' },
        },
        { name: 'get_time', input_schema: { type: 'object', properties: {} } },
      ],
    });
  });

  it('keeps strict only for models that take strict tool schemas', () => {
    expect(prepareAnthropicTools({ tools: [weather], strictTools: true }).tools?.[0]).toMatchObject({
      strict: true,
    });
    expect(prepareAnthropicTools({ tools: [weather], strictTools: false }).tools?.[0]).not.toHaveProperty(
      'strict',
    );
  });

  it('passes Anthropic server tools through untouched', () => {
    const search = { type: 'web_search_20250305', name: 'web_search', max_uses: 3 };

    expect(prepareAnthropicTools({ tools: [search] }).tools).toEqual([search]);
  });

  it.each([
    ['auto', { type: 'auto' }],
    ['required', { type: 'any' }],
    ['none', { type: 'none' }],
    [
      { type: 'function', function: { name: 'get_weather' } },
      { type: 'tool', name: 'get_weather' },
    ],
    [{ type: 'any' }, { type: 'any' }],
  ] as Array<[ChatRequest['tool_choice'], unknown]>)('maps tool_choice %j to %j', (toolChoice, expected) => {
    expect(prepareAnthropicTools({ tools: [weather], toolChoice }).toolChoice).toEqual(expected);
  });

  it('turns parallel_tool_calls: false into disable_parallel_tool_use', () => {
    expect(prepareAnthropicTools({ tools: [weather], parallelToolCalls: false }).toolChoice).toEqual({
      type: 'auto',
      disable_parallel_tool_use: true,
    });
    expect(
      prepareAnthropicTools({ tools: [weather], toolChoice: 'required', parallelToolCalls: false })
        .toolChoice,
    ).toEqual({ type: 'any', disable_parallel_tool_use: true });
    expect(
      prepareAnthropicTools({ tools: [weather], toolChoice: 'none', parallelToolCalls: false }).toolChoice,
    ).toEqual({ type: 'none' });
  });

  it('sends no tool_choice without tools, which Anthropic would refuse', () => {
    expect(prepareAnthropicTools({ tools: [], toolChoice: 'required' })).toEqual({});
    expect(prepareAnthropicTools({ toolChoice: 'auto', parallelToolCalls: false })).toEqual({});
  });

  it('refuses a tool_choice kind Anthropic does not have', () => {
    expect(() =>
      prepareAnthropicTools({ tools: [weather], toolChoice: { type: 'allowed_tools', tools: [] } }),
    ).toThrow(BadRequestError);
  });
});
