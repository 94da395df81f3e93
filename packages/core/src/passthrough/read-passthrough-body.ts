import { BadGatewayError } from '../errors/error-classes.js';
import type { PassthroughResponse } from '../provider.js';
import { isRecord, safeParseJson } from '../safe-json.js';
import { SseDecoder } from '../sse/sse-decoder.js';

function invalid(what: string): BadGatewayError {
  return new BadGatewayError({
    message: `The upstream sent a ${what} that is not valid JSON`,
    code: 'invalid_upstream_response',
  });
}

/** A passed-through JSON answer, parsed (for library callers, who get objects rather than bytes). */
export async function readPassthroughJson<T>(response: PassthroughResponse, what: string): Promise<T> {
  const parts: Uint8Array[] = [];
  for await (const chunk of response.body) parts.push(chunk);
  const parsed = safeParseJson(Buffer.concat(parts).toString('utf8'));
  if (!parsed.ok || !isRecord(parsed.value)) throw invalid(what);
  return parsed.value as T;
}

/**
 * A passed-through event stream as parsed JSON objects, one per event (`[DONE]` skipped). Breaking
 * out of the loop releases the upstream body.
 */
export async function* passthroughEvents(
  response: PassthroughResponse,
  what: string,
): AsyncGenerator<Record<string, unknown>> {
  const decoder = new SseDecoder();
  for await (const chunk of response.body) {
    for (const event of decoder.push(chunk)) {
      if (event.data === '[DONE]') continue;
      const parsed = safeParseJson(event.data);
      if (!parsed.ok || !isRecord(parsed.value)) throw invalid(what);
      yield parsed.value;
    }
  }
  for (const event of decoder.end()) {
    if (event.data === '[DONE]') continue;
    const parsed = safeParseJson(event.data);
    if (parsed.ok && isRecord(parsed.value)) yield parsed.value;
  }
}
