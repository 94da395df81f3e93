import { createHash } from 'node:crypto';

// Gemini's function calls have no ids; OpenAI's tool calls need one to pair results with calls.
// Ids are made from a hash of what identifies the call, and carry Gemini's thought signature (which
// Gemini 3 requires back with the call) after litellm's separator, so clients that only round-trip
// the id still return it: `call_<hash>__thought__<signature>`.
const separator = '__thought__';

/** A stable id for a function call, derived from `seed` (response id, candidate, position, call). */
export function makeToolCallId(seed: string, thoughtSignature?: string): string {
  const base = `call_${createHash('sha256').update(seed).digest('hex').slice(0, 24)}`;
  return thoughtSignature ? `${base}${separator}${thoughtSignature}` : base;
}

/** The thought signature carried by a tool call id, if any. */
export function thoughtSignatureOf(toolCallId: string): string | undefined {
  const at = toolCallId.indexOf(separator);
  if (at < 0) return undefined;
  const signature = toolCallId.slice(at + separator.length);
  return signature === '' ? undefined : signature;
}
