import { describe, expect, it } from 'vitest';
import { convertToGeminiSchema } from './convert-to-gemini-schema.js';

describe('convertToGeminiSchema', () => {
  it('keeps the OpenAPI subset and drops what Gemini refuses', () => {
    expect(
      convertToGeminiSchema({
        $schema: 'http://json-schema.org/draft-07/schema#',
        type: 'object',
        additionalProperties: false,
        properties: {
          location: { type: 'string', description: 'City', default: 'Paris', minLength: 1 },
          unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
          when: { type: 'string', format: 'date-time' },
          email: { type: 'string', format: 'email' },
          count: { type: 'integer', minimum: 0, exclusiveMaximum: 10, format: 'int32' },
          tags: { type: 'array', items: { type: 'string' }, uniqueItems: true, maxItems: 3 },
        },
        required: ['location', 'missing'],
      }),
    ).toEqual({
      type: 'object',
      properties: {
        location: { type: 'string', description: 'City', minLength: 1 },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        when: { type: 'string', format: 'date-time' },
        email: { type: 'string' },
        count: { type: 'integer', minimum: 0, format: 'int32' },
        tags: { type: 'array', items: { type: 'string' }, maxItems: 3 },
      },
      required: ['location'],
    });
  });

  it('inlines $ref / $defs and cuts recursion with a plain object', () => {
    const schema = {
      type: 'object',
      $defs: {
        Address: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
        Node: { type: 'object', properties: { child: { $ref: '#/$defs/Node' } } },
      },
      properties: {
        home: { $ref: '#/$defs/Address', description: 'Where they live' },
        tree: { $ref: '#/$defs/Node' },
      },
    };

    expect(convertToGeminiSchema(schema)).toEqual({
      type: 'object',
      properties: {
        home: {
          type: 'object',
          description: 'Where they live',
          properties: { city: { type: 'string' } },
          required: ['city'],
        },
        tree: { type: 'object', properties: { child: { type: 'object' } } },
      },
    });
  });

  it('turns null alternatives into nullable (anyOf, type lists, enums)', () => {
    expect(
      convertToGeminiSchema({ anyOf: [{ type: 'string' }, { type: 'null' }], description: 'd' }),
    ).toEqual({
      type: 'string',
      description: 'd',
      nullable: true,
    });
    expect(convertToGeminiSchema({ type: ['integer', 'null'] })).toEqual({ type: 'integer', nullable: true });
    expect(convertToGeminiSchema({ type: 'string', enum: ['a', null] })).toEqual({
      type: 'string',
      enum: ['a'],
      nullable: true,
    });
  });

  it('keeps real alternatives as anyOf, and splits type lists into them', () => {
    expect(convertToGeminiSchema({ oneOf: [{ type: 'string' }, { type: 'number' }] })).toEqual({
      anyOf: [{ type: 'string' }, { type: 'number' }],
    });
    expect(convertToGeminiSchema({ type: ['string', 'number', 'null'], description: 'x' })).toEqual({
      description: 'x',
      anyOf: [
        { type: 'string', description: 'x' },
        { type: 'number', description: 'x' },
      ],
      nullable: true,
    });
  });

  it('merges allOf, turns const into an enum, stringifies enum values, and drops empty properties', () => {
    expect(
      convertToGeminiSchema({
        allOf: [
          { type: 'object', properties: { a: { const: 'x' } }, required: ['a'] },
          { properties: { b: { type: 'integer', enum: [1, 2] } }, required: ['b'] },
        ],
      }),
    ).toEqual({
      type: 'object',
      properties: { a: { type: 'string', enum: ['x'] }, b: { type: 'integer', enum: ['1', '2'] } },
      required: ['a', 'b'],
    });
    expect(convertToGeminiSchema({ type: 'object', properties: {} })).toEqual({ type: 'object' });
    expect(convertToGeminiSchema(true)).toBeUndefined();
  });
});
