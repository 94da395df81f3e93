import { isObject } from './validate-converse-content.js';

const maxDepth = 8;

/**
 * A small value that satisfies a JSON schema's common keywords (type, properties, required, enum,
 * const, items, anyOf/oneOf), so structured output has a deterministic answer that parses.
 */
export function sampleFromJsonSchema(schema: unknown, depth = 0): unknown {
  if (!isObject(schema) || depth > maxDepth) {
    return null;
  }
  if ('const' in schema) {
    return schema.const;
  }
  if (Array.isArray(schema.enum) && schema.enum.length > 0) {
    return schema.enum[0];
  }
  const variants = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : [];
  if (variants.length > 0) {
    return sampleFromJsonSchema(variants[0], depth + 1);
  }
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object':
      return sampleObject(schema, depth);
    case 'array':
      return [];
    case 'string':
      return 'mock';
    case 'integer':
    case 'number':
      return 0;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

function sampleObject(schema: Record<string, unknown>, depth: number): Record<string, unknown> {
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required)
    ? schema.required.filter((name): name is string => typeof name === 'string')
    : Object.keys(properties);
  return Object.fromEntries(
    required.map((name) => [name, sampleFromJsonSchema(properties[name], depth + 1)]),
  );
}
