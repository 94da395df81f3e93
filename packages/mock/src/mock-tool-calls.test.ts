import { BadRequestError, type ChatRequest, type ChatTool, safeParseJson } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { functionTools, mockArguments, mockToolCalls, selectTools } from './mock-tool-calls.js';

const weather: ChatTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { enum: ['c', 'f'] }, days: { type: 'integer' } },
      required: ['city', 'unit'],
    },
  },
};
const time: ChatTool = { type: 'function', function: { name: 'get_time' } };

function request(text: string, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { model: 'm', messages: [{ role: 'user', content: text }], tools: [weather, time], ...extra };
}

const names = (selected: { name: string }[]) => selected.map((tool) => tool.name);

describe('selectTools', () => {
  it('calls the tools the last user message mentions by name', () => {
    expect(names(selectTools(request('Use get_weather for Oslo')))).toEqual(['get_weather']);
    expect(names(selectTools(request('get weather and get-time please')))).toEqual([
      'get_weather',
      'get_time',
    ]);
    expect(names(selectTools(request('Hello there')))).toEqual([]);
  });

  it('does not match a name inside another word', () => {
    const add: ChatTool = { type: 'function', function: { name: 'add' } };
    expect(selectTools({ ...request('my address'), tools: [add] })).toEqual([]);
  });

  it('honours tool_choice none, required, a named function and parallel_tool_calls false', () => {
    expect(selectTools(request('get_weather', { tool_choice: 'none' }))).toEqual([]);
    expect(names(selectTools(request('Hello', { tool_choice: 'required' })))).toEqual(['get_weather']);
    const named = { type: 'function', function: { name: 'get_time' } };
    expect(names(selectTools(request('get_weather', { tool_choice: named })))).toEqual(['get_time']);
    const single = request('get_weather and get_time', { parallel_tool_calls: false });
    expect(names(selectTools(single))).toEqual(['get_weather']);
  });

  it('answers with text after a tool result unless a tool is required', () => {
    const afterTool = request('get_weather in Oslo');
    afterTool.messages.push(
      {
        role: 'assistant',
        content: null,
        tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{}' } }],
      },
      { role: 'tool', content: 'sunny', tool_call_id: 'call_1' },
    );
    expect(selectTools(afterTool)).toEqual([]);
    expect(names(selectTools({ ...afterTool, tool_choice: 'required' }))).toEqual(['get_weather']);
  });

  it('rejects a named tool_choice that is not among the tools', () => {
    const missing = request('hi', { tool_choice: { type: 'function', function: { name: 'nope' } } });
    expect(() => selectTools(missing)).toThrow(BadRequestError);
  });

  it('ignores tools that are not functions', () => {
    expect(functionTools([{ type: 'web_search' }, time])).toEqual([
      { name: 'get_time', parameters: undefined },
    ]);
  });
});

describe('mockToolCalls', () => {
  it('builds arguments from the schema: a JSON object with the required keys', () => {
    const [call] = mockToolCalls(request('get_weather'));
    expect(call?.type).toBe('function');
    expect(call?.function.name).toBe('get_weather');
    expect(safeParseJson(call?.function.arguments ?? '')).toEqual({
      ok: true,
      value: { city: 'mock', unit: 'c' },
    });
    expect(mockArguments({ name: 'get_time', parameters: undefined })).toBe('{}');
  });

  it('gives deterministic call ids that differ between calls and conversations', () => {
    const calls = mockToolCalls(request('get_weather and get_time'));
    expect(calls).toEqual(mockToolCalls(request('get_weather and get_time')));
    expect(calls[0]?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(calls[0]?.id).not.toBe(calls[1]?.id);
    expect(mockToolCalls(request('get_weather now'))[0]?.id).not.toBe(calls[0]?.id);
  });
});
