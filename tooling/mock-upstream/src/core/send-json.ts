import type { ErrorReply, RouteContext } from './provider.js';

/**
 * Sends a JSON answer with the provider's standard headers, the answer's own `headers` and the rule's
 * extra headers. A rule with `malformed` gets the same body cut in half, which is never valid JSON.
 */
export function sendJson(
  context: RouteContext,
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): void {
  const text = JSON.stringify(body) ?? 'null';
  const payload = context.rule?.malformed ? text.slice(0, Math.max(1, Math.floor(text.length / 2))) : text;
  context.channel.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(payload)),
    ...context.provider.responseHeaders(context.request),
    ...headers,
    ...context.rule?.headers,
  });
  context.channel.end(payload);
}

export function sendErrorReply(context: RouteContext, reply: ErrorReply): void {
  sendJson(context, reply.status, reply.body, reply.headers);
}

/** The provider's headers for this request, then the scripted rule's, which win. */
export function responseHeaders(context: RouteContext): Record<string, string> {
  return { ...context.provider.responseHeaders(context.request), ...context.rule?.headers };
}
