import { BadRequestError, isRecord, safeParseJson } from '@switchyard/core';
import type { Context } from 'hono';
import { requestText } from './node-request.js';

/** Bodies already parsed, by request: middleware and route share one parse. */
const parsedBodies = new WeakMap<Request, Record<string, unknown>>();

/**
 * Reads the body as a JSON object; anything else is a 400 in the API's error shape. Parsed once
 * per request: later calls return the same object (routes take fields out of it in place).
 */
export async function readJsonBody(c: Context): Promise<Record<string, unknown>> {
  const cached = parsedBodies.get(c.req.raw);
  if (cached) return cached;
  const body = await parseJsonBody(c);
  parsedBodies.set(c.req.raw, body);
  return body;
}

async function parseJsonBody(c: Context): Promise<Record<string, unknown>> {
  const text = await requestText(c);
  if (text.trim() === '') {
    throw new BadRequestError({
      message: 'The request body is empty; send a JSON object.',
      code: 'invalid_json',
    });
  }
  const parsed = safeParseJson(text);
  if (!parsed.ok) {
    throw new BadRequestError({
      message: `The request body is not valid JSON: ${parsed.error.message}`,
      code: 'invalid_json',
    });
  }
  if (!isRecord(parsed.value)) {
    throw new BadRequestError({ message: 'The request body must be a JSON object.', code: 'invalid_json' });
  }
  return parsed.value;
}
