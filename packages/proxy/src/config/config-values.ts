import { z } from 'zod';

/**
 * Building blocks for the config schema. litellm validates with pydantic in lax mode, so a number
 * may come as a numeric string and a flag as `"true"` — which is also what every `os.environ/NAME`
 * reference resolves to. These accept both and hand the rest to zod with readable messages.
 */

const NUMERIC = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const TRUE_WORDS = new Set(['true', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'off']);

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toNumberIfNumeric(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const trimmed = value.trim();
  return NUMERIC.test(trimmed) ? Number(trimmed) : value;
}

function toBooleanIfWord(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return value;
}

function toStringIfInteger(value: unknown): unknown {
  return typeof value === 'number' && Number.isInteger(value) ? String(value) : value;
}

export const nonEmptyString = () => z.string().min(1);
export const positiveNumber = () => z.preprocess(toNumberIfNumeric, z.number().positive());
export const nonNegativeNumber = () => z.preprocess(toNumberIfNumeric, z.number().min(0));
export const nonNegativeInteger = () => z.preprocess(toNumberIfNumeric, z.int().min(0));
export const positiveInteger = () => z.preprocess(toNumberIfNumeric, z.int().min(1));
export const booleanLike = () => z.preprocess(toBooleanIfWord, z.boolean());
/** A string; a whole number is accepted and turned into one (litellm does this for `model_info.id`). */
export const stringOrInteger = () => z.preprocess(toStringIfInteger, z.string().min(1));
export const stringRecord = () => z.record(z.string(), z.string());

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}

export const httpUrl = () =>
  z.string().refine(isHttpUrl, { error: 'Must be an http(s) URL, e.g. https://api.example.com/v1' });

function dropNullKnownKeys(value: unknown, known: ReadonlySet<string>): unknown {
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key, item]) => item !== null || !known.has(key)));
}

/**
 * A mapping with typed known keys that keeps every other key as it is. A known key left empty in
 * YAML (`api_base:` → null) counts as absent, as pydantic's `Optional` fields do in litellm.
 */
export function looseSection<Shape extends z.ZodRawShape>(shape: Shape) {
  const known: ReadonlySet<string> = new Set(Object.keys(shape));
  return z.preprocess((value) => dropNullKnownKeys(value, known), z.looseObject(shape));
}
