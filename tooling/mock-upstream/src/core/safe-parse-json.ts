export type JsonParseResult = { ok: true; value: unknown } | { ok: false; error: string };

/** The only place untrusted text is parsed as JSON: never throws, returns a result. */
export function safeParseJson(text: string): JsonParseResult {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}
