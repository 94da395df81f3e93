// Pass-through support: a provider that parsed an upstream JSON body or stream frame can attach the
// original text to the parsed object, so an outbound codec speaking the same API writes the bytes
// it received instead of re-serialising. Objects are never mutated after parsing; any copy (spread)
// drops the link, so a modified object is always re-serialised.
const rawText = new WeakMap<object, string>();

export function attachRawJson<T extends object>(value: T, text: string): T {
  rawText.set(value, text);
  return value;
}

export function getRawJson(value: object): string | undefined {
  return rawText.get(value);
}

/** The original text when there is one, JSON.stringify otherwise. */
export function toJsonText(value: object): string {
  return rawText.get(value) ?? JSON.stringify(value);
}
