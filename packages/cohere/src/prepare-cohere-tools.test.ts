import { BadRequestError, type ChatRequest } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { loadJsonFixture } from './__fixtures__/load-fixture.js';
import { prepareCohereTools } from './prepare-cohere-tools.js';

const context = { provider: 'cohere', model: 'command-a-03-2025', dropParams: false };
const request = loadJsonFixture<ChatRequest>('chat-tool-call.request.json');

describe('prepareCohereTools', () => {
  it('keeps function tools as Cohere takes them, auto being the default', () => {
    expect(prepareCohereTools(request, context)).toEqual({ tools: request.tools });
    expect(prepareCohereTools({ ...request, tool_choice: 'auto' }, context)).toEqual({
      tools: request.tools,
    });
  });

  it('maps required and none to REQUIRED and NONE', () => {
    expect(prepareCohereTools({ ...request, tool_choice: 'required' }, context).tool_choice).toBe('REQUIRED');
    expect(prepareCohereTools({ ...request, tool_choice: 'none' }, context).tool_choice).toBe('NONE');
  });

  it('refuses a named tool_choice, or drops it with drop_params', () => {
    const named: ChatRequest = {
      ...request,
      tool_choice: { type: 'function', function: { name: 'get_weather' } },
    };

    expect(() => prepareCohereTools(named, context)).toThrow(BadRequestError);
    expect(() => prepareCohereTools(named, context)).toThrow(/drop_params/);
    expect(prepareCohereTools(named, { ...context, dropParams: true })).toEqual({ tools: request.tools });
  });

  it('gives parameterless tools an empty object schema and turns strict tools into strict_tools', () => {
    const fields = prepareCohereTools(
      {
        ...request,
        tools: [{ type: 'function', function: { name: 'now', strict: true } }],
      },
      context,
    );

    expect(fields).toEqual({
      tools: [
        { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
      ],
      strict_tools: true,
    });
  });

  it('refuses other tool kinds, or drops them with drop_params', () => {
    const withSearch: ChatRequest = { ...request, tools: [{ type: 'web_search_preview' }] };

    expect(() => prepareCohereTools(withSearch, context)).toThrow(/web_search_preview/);
    expect(prepareCohereTools(withSearch, { ...context, dropParams: true })).toEqual({});
  });

  it('sends no tool fields without tools', () => {
    expect(prepareCohereTools({ ...request, tools: [], tool_choice: 'none' }, context)).toEqual({});
  });
});
