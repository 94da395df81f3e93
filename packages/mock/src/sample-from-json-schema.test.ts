import { describe, expect, it } from 'vitest';
import { sampleFromJsonSchema } from './sample-from-json-schema.js';

describe('sampleFromJsonSchema', () => {
  it('fills required properties with type-appropriate values and leaves optional ones out', () => {
    const schema = {
      type: 'object',
      properties: {
        city: { type: 'string' },
        days: { type: 'integer' },
        temperature: { type: 'number' },
        metric: { type: 'boolean' },
        tags: { type: 'array', items: { type: 'string' } },
        extra: { type: 'object' },
        unit: { type: 'string', enum: ['celsius', 'fahrenheit'] },
        note: { type: 'string' },
      },
      required: ['city', 'days', 'temperature', 'metric', 'tags', 'extra', 'unit'],
    };
    expect(sampleFromJsonSchema(schema)).toEqual({
      city: 'mock',
      days: 1,
      temperature: 1,
      metric: true,
      tags: [],
      extra: {},
      unit: 'celsius',
    });
  });

  it('samples nested objects, nullable types, const, bounds and minItems', () => {
    const schema = {
      type: 'object',
      properties: {
        address: { type: 'object', properties: { street: { type: 'string' } }, required: ['street'] },
        maybe: { type: ['string', 'null'] },
        kind: { const: 'fixed' },
        count: { type: 'integer', minimum: 5 },
        ratio: { type: 'number', maximum: 0.5 },
        pair: { type: 'array', items: { type: 'boolean' }, minItems: 2 },
      },
      required: ['address', 'maybe', 'kind', 'count', 'ratio', 'pair'],
    };
    expect(sampleFromJsonSchema(schema)).toEqual({
      address: { street: 'mock' },
      maybe: 'mock',
      kind: 'fixed',
      count: 5,
      ratio: 0.5,
      pair: [true, true],
    });
  });
});

describe('sampleFromJsonSchema composition', () => {
  it('follows local $refs, takes the first non-null anyOf branch and merges allOf', () => {
    const schema = {
      type: 'object',
      $defs: { Person: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } },
      properties: {
        owner: { $ref: '#/$defs/Person' },
        age: { anyOf: [{ type: 'null' }, { type: 'integer' }] },
        both: {
          allOf: [
            { type: 'object', properties: { a: { type: 'string' } }, required: ['a'] },
            { type: 'object', properties: { b: { type: 'boolean' } }, required: ['b'] },
          ],
        },
      },
      required: ['owner', 'age', 'both'],
    };
    expect(sampleFromJsonSchema(schema)).toEqual({
      owner: { name: 'mock' },
      age: 1,
      both: { a: 'mock', b: true },
    });
  });

  it('ends recursive schemas instead of looping', () => {
    const schema = {
      $defs: { Node: { type: 'object', properties: { next: { $ref: '#/$defs/Node' } }, required: ['next'] } },
      $ref: '#/$defs/Node',
    };
    expect(() => JSON.stringify(sampleFromJsonSchema(schema))).not.toThrow();
  });

  it('treats a missing or empty schema as an empty object', () => {
    expect(sampleFromJsonSchema(undefined)).toEqual({});
    expect(sampleFromJsonSchema({})).toEqual({});
  });
});
