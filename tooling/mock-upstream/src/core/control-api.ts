import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MockServerState } from './mock-server-state.js';
import { parseMockRule } from './parse-mock-rule.js';
import { readRequestBody } from './read-request-body.js';
import { safeParseJson } from './safe-parse-json.js';

export const CONTROL_PATH_PREFIX = '/__mock/';

export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PATH_PREFIX);
}

/**
 * Out-of-process control, for a mock driven from another process: `POST /__mock/rules` (body: a
 * MockRule), `POST /__mock/reset`, `GET /__mock/requests`. Control requests are not recorded.
 */
export async function handleControlRequest(
  state: MockServerState,
  request: IncomingMessage,
  response: ServerResponse,
  path: string,
): Promise<void> {
  const body = await readRequestBody(request);
  const route = `${request.method ?? 'GET'} ${path}`;
  switch (route) {
    case 'POST /__mock/rules':
      return addRule(state, body.text, response);
    case 'POST /__mock/reset':
      state.rules.clear();
      state.recorder.reset();
      state.objects.clear();
      return reply(response, 200, { ok: true });
    case 'GET /__mock/requests':
      return reply(response, 200, state.recorder.requests);
    default:
      return reply(response, 404, {
        error: `Unknown mock control route ${route}; use POST /__mock/rules, POST /__mock/reset or GET /__mock/requests`,
      });
  }
}

function addRule(state: MockServerState, text: string, response: ServerResponse): void {
  const json = safeParseJson(text);
  if (!json.ok) {
    reply(response, 400, { error: `The rule body is not valid JSON: ${json.error}` });
    return;
  }
  const parsed = parseMockRule(json.value);
  if (!parsed.ok) {
    reply(response, 400, { error: parsed.error });
    return;
  }
  state.rules.add(parsed.rule);
  reply(response, 201, { ok: true, rules: state.rules.size });
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(text)),
  });
  response.end(text);
}
