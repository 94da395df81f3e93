import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { prepareGeminiTools } from './prepare-gemini-tools.js';

const context = { provider: 'gemini', model: 'gemini-2.0-flash' };
const weather: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
    strict: true,
  },
  cache_control: { type: 'ephemeral' },
};
const noArguments: NonNullable<ChatRequest['tools']>[number] = {
  type: 'function',
  function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
};

describe('prepareGeminiTools', () => {
  it('declares functions with Gemini-subset schemas, omitting empty parameters', () => {
    expect(prepareGeminiTools({ tools: [weather, noArguments] }, context)).toEqual({
      tools: [
        {
          functionDeclarations: [
            {
              name: 'get_weather',
              description: 'Current weather',
              parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
            },
            { name: 'get_time' },
          ],
        },
      ],
    });
  });

  it.each([
    ['auto', { mode: 'AUTO' }],
    ['none', { mode: 'NONE' }],
    ['required', { mode: 'ANY' }],
    [
      { type: 'function', function: { name: 'get_weather' } },
      { mode: 'ANY', allowedFunctionNames: ['get_weather'] },
    ],
  ] as const)('maps tool_choice %j to the function calling mode', (choice, config) => {
    expect(prepareGeminiTools({ tools: [weather], tool_choice: choice }, context).toolConfig).toEqual({
      functionCallingConfig: config,
    });
  });

  it('passes Gemini’s built-in tools and refuses unknown tool types', () => {
    expect(prepareGeminiTools({ tools: [{ type: 'google_search' }] }, context)).toEqual({
      tools: [{ googleSearch: {} }],
    });
    expect(() => prepareGeminiTools({ tools: [{ type: 'web_search_preview' }] }, context)).toThrow(
      BadRequestError,
    );
  });

  it('sends nothing without tools', () => {
    expect(prepareGeminiTools({ tool_choice: 'auto' }, context)).toEqual({});
  });
});
