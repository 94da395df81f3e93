import { isRecord } from '@switchyard/core';

/** Deeper than this (recursive `$ref`s), a sample is `null`. */
const maxDepth = 16;

/**
 * A deterministic value matching a JSON schema well enough for tests: `const` and the first `enum`
 * value win; otherwise the type decides (string → "mock", number and integer → 1 (moved into
 * `minimum`/`maximum`), boolean → true, null → null, array → `minItems` samples of `items`, object →
 * its required properties, sampled in turn). Local `$ref`s (`#/$defs/...`) are followed; `anyOf` and
 * `oneOf` use their first non-null branch, `allOf` merges its branches.
 */
export function sampleFromJsonSchema(schema: unknown, root: unknown = schema, depth = 0): unknown {
  if (depth > maxDepth) return null;
  if (!isRecord(schema)) return {};
  if ('const' in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length > 0) return schema.enum[0];
  if (typeof schema.$ref === 'string') {
    return sampleFromJsonSchema(resolveLocalRef(schema.$ref, root), root, depth + 1);
  }
  if (Array.isArray(schema.allOf) && schema.allOf.length > 0) return sampleAllOf(schema.allOf, root, depth);
  const branch = firstBranch(schema.anyOf) ?? firstBranch(schema.oneOf);
  if (branch !== undefined) return sampleFromJsonSchema(branch, root, depth + 1);
  switch (schemaType(schema)) {
    case 'string':
      return 'mock';
    case 'number':
    case 'integer':
      return sampleNumber(schema);
    case 'boolean':
      return true;
    case 'null':
      return null;
    case 'array':
      return sampleArray(schema, root, depth);
    default:
      return sampleObject(schema, root, depth);
  }
}

/** The schema's type: its `type` (the first non-null one of a list), else guessed from its keywords. */
function schemaType(schema: Record<string, unknown>): string {
  const { type } = schema;
  if (typeof type === 'string') return type;
  if (Array.isArray(type)) {
    const named = type.filter((entry): entry is string => typeof entry === 'string');
    return named.find((entry) => entry !== 'null') ?? named[0] ?? 'object';
  }
  if ('items' in schema || 'prefixItems' in schema) return 'array';
  return 'object';
}

function sampleNumber(schema: Record<string, unknown>): number {
  const { minimum, maximum } = schema;
  if (typeof minimum === 'number' && minimum > 1) return minimum;
  if (typeof maximum === 'number' && maximum < 1) return maximum;
  return 1;
}

function sampleArray(schema: Record<string, unknown>, root: unknown, depth: number): unknown[] {
  const count = typeof schema.minItems === 'number' ? Math.min(schema.minItems, 100) : 0;
  const prefix = Array.isArray(schema.prefixItems) ? schema.prefixItems : [];
  const out: unknown[] = [];
  for (let index = 0; index < count; index += 1) {
    out.push(sampleFromJsonSchema(prefix[index] ?? schema.items, root, depth + 1));
  }
  return out;
}

function sampleObject(
  schema: Record<string, unknown>,
  root: unknown,
  depth: number,
): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = Array.isArray(schema.required) ? schema.required : [];
  const out: Record<string, unknown> = {};
  for (const name of required) {
    if (typeof name !== 'string') continue;
    out[name] = sampleFromJsonSchema(properties[name], root, depth + 1);
  }
  return out;
}

function sampleAllOf(branches: unknown[], root: unknown, depth: number): unknown {
  const samples = branches.map((branch) => sampleFromJsonSchema(branch, root, depth + 1));
  if (!samples.every(isRecord)) return samples[0];
  return Object.assign({}, ...samples);
}

function firstBranch(branches: unknown): unknown {
  if (!Array.isArray(branches) || branches.length === 0) return undefined;
  const nonNull = branches.find((branch) => !(isRecord(branch) && branch.type === 'null'));
  return nonNull ?? branches[0];
}

/** Follows a local JSON pointer (`#/$defs/Address`); anything else resolves to an empty schema. */
function resolveLocalRef(ref: string, root: unknown): unknown {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return {};
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isRecord(node)) return {};
    node = node[key];
  }
  return node ?? {};
}
