import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { applyFaults } from './apply-faults.js';
import { handleControlRequest, isControlPath } from './control-api.js';
import type { MockServerState } from './mock-server-state.js';
import type { RouteContext } from './provider.js';
import { readRequestBody } from './read-request-body.js';
import { modelOfRequest, type RecordedRequest } from './recorded-request.js';
import { isSameRoutePath, type ResolvedRoute, resolveRoute } from './resolve-route.js';
import { ResponseChannel } from './response-channel.js';
import { safeParseJson } from './safe-parse-json.js';
import { sendErrorReply } from './send-json.js';

/**
 * Answers one request: control routes aside, the request is recorded (once its body is read, or
 * as soon as the client gives up), then authenticated, matched against the scripted rules, faulted,
 * and finally handed to the provider route.
 */
export async function handleRequest(
  state: MockServerState,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://mock-upstream');
  if (isControlPath(url.pathname)) {
    return handleControlRequest(state, request, response, url.pathname);
  }
  const record = state.recorder.create({
    method: request.method ?? 'GET',
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    headers: flattenHeaders(request.headers),
  });
  const channel = openChannel(state, response, record);
  const body = await readRequestBody(request);
  record.rawBody = body.text;
  const json = body.text.trim() === '' ? undefined : safeParseJson(body.text);
  record.body = json?.ok ? json.value : undefined;
  const resolved = resolveRoute(state.providers, record.method, record.path);
  const pathModel = resolved?.route.modelFromPath?.(resolved.params);
  if (pathModel !== undefined) {
    record.model = pathModel;
  }
  state.recorder.add(record);
  if (!body.complete || !channel.isOpen) {
    return;
  }
  const context = buildContext(state, record, channel, resolved);
  try {
    await answer(state, context, json?.ok === false);
  } catch (error) {
    failInternally(context, error);
  }
}

function openChannel(state: MockServerState, response: ServerResponse, record: RecordedRequest) {
  const channel = new ResponseChannel(response, {
    onAbort: () => state.recorder.markAborted(record),
    onComplete: () => state.recorder.markCompleted(record),
  });
  state.openChannels.add(channel);
  void channel.closed.then(() => state.openChannels.delete(channel));
  return channel;
}

type AnswerContext = RouteContext & { resolved: ResolvedRoute | undefined };

function buildContext(
  state: MockServerState,
  request: RecordedRequest,
  channel: ResponseChannel,
  resolved: ResolvedRoute | undefined,
) {
  const provider = resolved?.provider ?? state.fallbackProvider;
  const context: AnswerContext = {
    request,
    channel,
    provider,
    rule: undefined,
    params: {},
    resolved,
    objects: state.objects,
  };
  return context;
}

async function answer(state: MockServerState, base: AnswerContext, invalidJson: boolean): Promise<void> {
  const { provider, request, resolved } = base;
  const denial =
    resolved && state.apiKeys ? provider.authenticate(request.headers, state.apiKeys, request) : undefined;
  if (denial !== undefined) {
    return sendErrorReply(base, denial);
  }
  const rule = state.rules.take({
    model: modelOfRequest(request),
    isForPath: (path) => isSameRoutePath(provider, path, request.path),
  });
  const context: AnswerContext = { ...base, rule, params: resolved?.params ?? {} };
  if (await applyFaults(context)) {
    return;
  }
  if (resolved === undefined) {
    return sendErrorReply(context, provider.routeNotFound(request.method, request.path));
  }
  if (invalidJson && resolved.route.rawBody !== true) {
    return sendErrorReply(context, provider.invalidJson());
  }
  await resolved.route.handle(context);
}

function failInternally(context: RouteContext, error: unknown): void {
  if (context.channel.headersSent) {
    context.channel.drop();
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  const body = context.provider.errorBody({
    status: 500,
    method: context.request.method,
    path: context.request.path,
    model: modelOfRequest(context.request),
  });
  sendErrorReply({ ...context, rule: undefined }, { status: 500, body });
  process.emitWarning(`mock-upstream: route handler failed: ${message}`);
}

function flattenHeaders(headers: IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) {
      flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
    }
  }
  return flat;
}
