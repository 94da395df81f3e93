export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: SyntaxError };

/** The one place untrusted JSON text is parsed: never throws, returns a result. */
export function safeParseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof SyntaxError ? error : new SyntaxError(String(error)) };
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
