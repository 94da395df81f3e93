import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import type { BedrockMessage } from './bedrock-api-types.js';
import { prepareBedrockTools } from './prepare-bedrock-tools.js';

const context = { provider: 'bedrock', model: 'anthropic.claude-3-5-sonnet-20240620-v1:0' };
const weather = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather in a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};
const weatherSpec = {
  toolSpec: {
    name: 'get_weather',
    description: 'Weather in a city',
    inputSchema: { json: weather.function.parameters },
  },
};
const base: ChatRequest = { model: 'm', messages: [{ role: 'user', content: 'hi' }] };
const plain: BedrockMessage[] = [{ role: 'user', content: [{ text: 'hi' }] }];
const withToolHistory: BedrockMessage[] = [
  { role: 'user', content: [{ text: 'hi' }] },
  { role: 'assistant', content: [{ toolUse: { toolUseId: 't1', name: 'lookup', input: {} } }] },
  { role: 'user', content: [{ toolResult: { toolUseId: 't1', content: [{ text: 'ok' }] } }] },
];

describe('prepareBedrockTools', () => {
  it.each([
    ['auto', { auto: {} }],
    ['required', { any: {} }],
    [{ type: 'function', function: { name: 'get_weather' } }, { tool: { name: 'get_weather' } }],
    [undefined, undefined],
  ] as const)('maps tool_choice %j', (choice, toolChoice) => {
    const config = prepareBedrockTools(
      { ...base, tools: [weather], ...(choice ? { tool_choice: choice } : {}) },
      plain,
      context,
    );

    expect(config).toEqual(toolChoice ? { tools: [weatherSpec], toolChoice } : { tools: [weatherSpec] });
  });

  it('adds a cache point after a tool marked with cache_control, and gives schemas without a type one', () => {
    const tools = [
      { ...weather, cache_control: { type: 'ephemeral' } },
      { type: 'function' as const, function: { name: 'ping' } },
      {
        type: 'function' as const,
        function: { name: 'echo', description: '', parameters: { properties: { x: {} } } },
      },
    ];

    expect(prepareBedrockTools({ ...base, tools }, plain, context)?.tools).toEqual([
      weatherSpec,
      { cachePoint: { type: 'default' } },
      { toolSpec: { name: 'ping', inputSchema: { json: { type: 'object', properties: {} } } } },
      { toolSpec: { name: 'echo', inputSchema: { json: { type: 'object', properties: { x: {} } } } } },
    ]);
  });

  it('leaves the tools out for tool_choice none, unless the conversation holds tool blocks', () => {
    expect(
      prepareBedrockTools({ ...base, tools: [weather], tool_choice: 'none' }, plain, context),
    ).toBeUndefined();
    expect(
      prepareBedrockTools({ ...base, tools: [weather], tool_choice: 'none' }, withToolHistory, context),
    ).toEqual({
      tools: [
        weatherSpec,
        { toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: {} } } } },
      ],
    });
  });

  it('declares tools the conversation called when the request has none (Converse requires toolConfig)', () => {
    expect(prepareBedrockTools(base, withToolHistory, context)).toEqual({
      tools: [{ toolSpec: { name: 'lookup', inputSchema: { json: { type: 'object', properties: {} } } } }],
    });
  });

  it('adds the JSON-mode tool and forces it', () => {
    const config = prepareBedrockTools(base, plain, context, {
      name: 'json_tool_call',
      schema: { type: 'object' },
      force: true,
    });

    expect(config).toEqual({
      tools: [{ toolSpec: { name: 'json_tool_call', inputSchema: { json: { type: 'object' } } } }],
      toolChoice: { tool: { name: 'json_tool_call' } },
    });
  });

  it('refuses tools other than functions, naming them', () => {
    const request = { ...base, tools: [{ type: 'web_search_preview' }] } as ChatRequest;

    expect(() => prepareBedrockTools(request, plain, context)).toThrow(BadRequestError);
    expect(() => prepareBedrockTools(request, plain, context)).toThrow(
      'tools[0] is of type "web_search_preview"',
    );
  });
});
