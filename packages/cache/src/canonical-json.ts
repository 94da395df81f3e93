/**
 * JSON text of a value with every object's keys sorted, so two values that are equal as JSON give
 * the same text whatever order their keys came in, and two values that differ give different
 * texts. Otherwise exactly `JSON.stringify` (undefined properties left out, `toJSON` honoured).
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, sortKeys) ?? 'null';
}

/** A replacer handing `JSON.stringify` each object with its keys in order (copied only when needed). */
function sortKeys(_key: string, value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let ordered = true;
  for (let index = 1; index < keys.length && ordered; index += 1) ordered = keys[index - 1]! < keys[index]!;
  if (ordered) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of keys.sort()) sorted[key] = record[key];
  return sorted;
}
