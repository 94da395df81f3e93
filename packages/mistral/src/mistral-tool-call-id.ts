import { createHash } from 'node:crypto';

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const mistralId = /^[A-Za-z0-9]{9}$/;

/**
 * Mistral accepts only tool call ids of nine letters and digits (its own ids look like `D681PevKs`);
 * others are answered with a 400 `invalid_function_call`. An id that fits is sent unchanged, so
 * Mistral's own ids round-trip as they are; any other id (`call_abc…` from OpenAI or a client) is
 * replaced by nine characters derived from its hash. The same id always maps to the same
 * replacement, so an assistant's call and the tool result that answers it, in this turn or any
 * later one, still match, and nothing has to be remembered between requests.
 */
export function toMistralToolCallId(id: string): string {
  if (mistralId.test(id)) return id;
  const digest = createHash('sha256').update(id).digest();
  let out = '';
  for (let index = 0; index < 9; index++) out += alphabet[(digest[index] ?? 0) % alphabet.length];
  return out;
}

/** A nine-character id for a tool call Mistral returned without one (its SDK's default is `"null"`). */
export function fallbackToolCallId(responseId: string, choice: number, call: number): string {
  return toMistralToolCallId(`${responseId}:${choice}:${call}`);
}
