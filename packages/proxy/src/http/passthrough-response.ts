import type { PassthroughResponse } from '@switchyard/core';
import { byteStream } from './byte-stream.js';

/**
 * An upstream answer passed through: its status, content type and bytes, streamed as they arrive
 * (a client that goes away cancels the upstream read).
 */
export function passthroughResponse(passed: PassthroughResponse): Response {
  const headers: Record<string, string> = { 'content-type': passed.contentType };
  if (passed.contentType.startsWith('text/event-stream')) headers['cache-control'] = 'no-cache';
  return new Response(byteStream(passed.body), { status: passed.status, headers });
}
