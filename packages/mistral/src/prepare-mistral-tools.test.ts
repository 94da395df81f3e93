import type { ChatTool } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { mapMistralResponseFormat } from './map-mistral-response-format.js';
import { mapMistralToolChoice, prepareMistralTools } from './prepare-mistral-tools.js';

describe('prepareMistralTools', () => {
  it('keeps function tools, drops cache markers and the schema keywords Mistral rejects', () => {
    const tools = [
      {
        type: 'function',
        function: {
          name: 'lookup',
          description: 'Look a thing up',
          strict: true,
          parameters: {
            $schema: 'http://json-schema.org/draft-07/schema#',
            type: 'object',
            properties: { item: { $id: '#item', type: 'string' } },
            additionalProperties: false,
          },
        },
        cache_control: { type: 'ephemeral' },
      },
    ] as ChatTool[];

    expect(prepareMistralTools(tools)).toEqual([
      {
        type: 'function',
        function: {
          name: 'lookup',
          description: 'Look a thing up',
          strict: true,
          parameters: {
            type: 'object',
            properties: { item: { type: 'string' } },
            additionalProperties: false,
          },
        },
      },
    ]);
    expect(tools[0]).toHaveProperty('cache_control');
  });

  it('gives a tool without parameters an empty object schema (Mistral requires one) and drops strict: null', () => {
    expect(prepareMistralTools([{ type: 'function', function: { name: 'now', strict: null } }])).toEqual([
      { type: 'function', function: { name: 'now', parameters: { type: 'object', properties: {} } } },
    ]);
  });

  it('passes Mistral’s built-in tools as given', () => {
    expect(prepareMistralTools([{ type: 'web_search' }])).toEqual([{ type: 'web_search' }]);
  });
});

describe('mapMistralToolChoice', () => {
  it('maps required to any, keeps auto, none and a named function', () => {
    expect(mapMistralToolChoice('required')).toBe('any');
    expect(mapMistralToolChoice('auto')).toBe('auto');
    expect(mapMistralToolChoice('none')).toBe('none');
    expect(mapMistralToolChoice({ type: 'function', function: { name: 'f' } })).toEqual({
      type: 'function',
      function: { name: 'f' },
    });
  });
});

describe('mapMistralResponseFormat', () => {
  it('sends json_schema with the schema Mistral requires', () => {
    expect(
      mapMistralResponseFormat({
        type: 'json_schema',
        json_schema: { name: 'greeting', strict: true, schema: { type: 'object' } },
      }),
    ).toEqual({
      type: 'json_schema',
      json_schema: { name: 'greeting', strict: true, schema: { type: 'object' } },
    });
    expect(
      mapMistralResponseFormat({ type: 'json_schema', json_schema: { name: 'any', strict: null } }),
    ).toEqual({
      type: 'json_schema',
      json_schema: { name: 'any', schema: {} },
    });
    expect(mapMistralResponseFormat({ type: 'text' })).toEqual({ type: 'text' });
  });
});
