import { isRecord } from '@switchyard/core';
import type { GeminiSchema } from './gemini-wire-types.js';

// Gemini's `Schema` is a subset of OpenAPI 3.0: no $ref, no additionalProperties, no const, no type
// arrays, a few formats. JSON Schema from OpenAI-style tools is rewritten into it: references
// inlined (recursion cut off as a plain object), `null` alternatives turned into `nullable`,
// allOf merged, const into a one-value enum, and keywords Gemini refuses dropped.

type JsonSchema = Record<string, unknown>;

/** Keywords copied as they are. `default` is left out: the Gemini API refuses it in places. */
const copied = [
  'title',
  'description',
  'pattern',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'minProperties',
  'maxProperties',
  'minimum',
  'maximum',
  'example',
  'propertyOrdering',
] as const;

const formats: Readonly<Record<string, ReadonlySet<string>>> = {
  string: new Set(['enum', 'date-time']),
  number: new Set(['float', 'double']),
  integer: new Set(['int32', 'int64']),
};

interface Context {
  definitions: Record<string, unknown>;
  /** References being expanded, to cut recursion. */
  expanding: ReadonlySet<string>;
}

const refPattern = /^#\/(?:\$defs|definitions)\/(.+)$/;

const isNullSchema = (schema: unknown) => isRecord(schema) && schema.type === 'null';

/** Rewrites a JSON Schema into Gemini's subset; undefined for `true` / non-object schemas. */
export function convertToGeminiSchema(schema: unknown): GeminiSchema | undefined {
  if (!isRecord(schema)) return undefined;
  const definitions = { ...asRecord(schema.definitions), ...asRecord(schema.$defs) };
  return convert(schema, { definitions, expanding: new Set() });
}

function asRecord(value: unknown): Record<string, unknown> {
  return isRecord(value) ? value : {};
}

function convert(schema: unknown, context: Context): GeminiSchema {
  if (!isRecord(schema)) return {};
  if (typeof schema.$ref === 'string') return convertReference(schema, schema.$ref, context);
  if (Array.isArray(schema.allOf)) return convert(mergeAllOf(schema, schema.allOf), context);
  const options = Array.isArray(schema.anyOf)
    ? schema.anyOf
    : Array.isArray(schema.oneOf)
      ? schema.oneOf
      : undefined;
  if (options) return convertAlternatives(schema, options, context);
  if (Array.isArray(schema.type)) return convertTypeList(schema, schema.type, context);
  return convertPlain(schema, context);
}

function convertReference(schema: JsonSchema, ref: string, context: Context): GeminiSchema {
  const name = refPattern.exec(ref)?.[1];
  const target = name === undefined ? undefined : context.definitions[name];
  const { $ref: _ref, ...siblings } = schema;
  if (name === undefined || !isRecord(target) || context.expanding.has(name)) {
    // Unknown or recursive reference: Gemini cannot express it; an object is the closest it takes.
    return convertPlain({ type: 'object', ...pick(siblings, ['description', 'title']) }, context);
  }
  const expanding = new Set(context.expanding).add(name);
  return convert({ ...target, ...siblings }, { ...context, expanding });
}

function mergeAllOf(schema: JsonSchema, parts: unknown[]): JsonSchema {
  const { allOf: _allOf, ...rest } = schema;
  const merged: JsonSchema = { ...rest };
  for (const part of parts.filter(isRecord)) {
    const properties = { ...asRecord(merged.properties), ...asRecord(part.properties) };
    const required = [...toStrings(merged.required), ...toStrings(part.required)];
    Object.assign(merged, part, Object.keys(properties).length > 0 ? { properties } : {});
    if (required.length > 0) merged.required = [...new Set(required)];
  }
  return merged;
}

function convertAlternatives(schema: JsonSchema, options: unknown[], context: Context): GeminiSchema {
  const { anyOf: _anyOf, oneOf: _oneOf, ...siblings } = schema;
  const kept = options.filter((option) => !isNullSchema(option));
  const nullable = kept.length < options.length ? { nullable: true } : {};
  if (kept.length === 1)
    return { ...convert({ ...(kept[0] as JsonSchema), ...siblings }, context), ...nullable };
  return {
    ...convertPlain(siblings, context),
    anyOf: kept.map((option) => convert(option, context)),
    ...nullable,
  };
}

function convertTypeList(schema: JsonSchema, types: unknown[], context: Context): GeminiSchema {
  const kept = types.filter((type): type is string => typeof type === 'string' && type !== 'null');
  const nullable = kept.length < types.length ? { nullable: true } : {};
  if (kept.length <= 1)
    return { ...convertPlain({ ...schema, type: kept[0] ?? 'null' }, context), ...nullable };
  const { type: _type, ...siblings } = schema;
  return {
    ...pick(siblings, ['description', 'title']),
    anyOf: kept.map((type) => convertPlain({ ...siblings, type }, context)),
    ...nullable,
  };
}

function convertPlain(schema: JsonSchema, context: Context): GeminiSchema {
  const out: GeminiSchema = pick(schema, copied);
  let type = typeof schema.type === 'string' ? schema.type : undefined;
  if (schema.const !== undefined) {
    type ??= 'string';
    out.enum = [String(schema.const)];
  } else if (Array.isArray(schema.enum)) {
    if (schema.enum.includes(null)) out.nullable = true;
    out.enum = schema.enum.filter((value) => value !== null).map(String);
  }
  if (type !== undefined) out.type = type;
  if (typeof schema.format === 'string' && type !== undefined && formats[type]?.has(schema.format)) {
    out.format = schema.format;
  }
  if (schema.nullable === true) out.nullable = true;
  Object.assign(out, convertObjectParts(schema, context));
  const items = Array.isArray(schema.items) ? schema.items[0] : schema.items;
  if (items !== undefined) out.items = convert(items, context);
  return out;
}

function convertObjectParts(schema: JsonSchema, context: Context): GeminiSchema {
  if (!isRecord(schema.properties)) return {};
  const entries = Object.entries(schema.properties);
  if (entries.length === 0) return {};
  const properties = Object.fromEntries(entries.map(([name, child]) => [name, convert(child, context)]));
  const required = toStrings(schema.required).filter((name) => name in properties);
  return { properties, ...(required.length > 0 ? { required } : {}) };
}

function pick(schema: JsonSchema, keys: ReadonlyArray<string>): GeminiSchema {
  const out: GeminiSchema = {};
  for (const key of keys) if (schema[key] !== undefined) out[key] = schema[key];
  return out;
}

function toStrings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
