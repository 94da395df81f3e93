import type { RouteContext } from './provider.js';
import { modelOfRequest } from './recorded-request.js';
import { sendJson } from './send-json.js';

/**
 * Applies the rule's faults that replace the normal answer, in order: `delayMs`, `dropConnection`,
 * `hang`, then an error status. Returns true when the request is dealt with (the route must not run).
 */
export async function applyFaults(context: RouteContext): Promise<boolean> {
  const { rule, channel } = context;
  if (rule === undefined) {
    return false;
  }
  if (rule.delayMs !== undefined && rule.delayMs > 0 && !(await channel.pause(rule.delayMs))) {
    return true;
  }
  if (rule.dropConnection) {
    channel.drop();
    return true;
  }
  if (rule.hang) {
    await channel.hang();
    return true;
  }
  if (isErrorRule(rule.status, rule.errorBody)) {
    const status = rule.status ?? 500;
    sendJson(
      context,
      status,
      rule.errorBody ?? defaultErrorBody(context, status),
      errorHeaders(context, status),
    );
    return true;
  }
  return false;
}

function isErrorRule(status: number | undefined, errorBody: unknown): boolean {
  return errorBody !== undefined || (status !== undefined && status >= 400);
}

/** The provider's headers that go with an error status (Bedrock's `x-amzn-errortype`), if any. */
function errorHeaders(context: RouteContext, status: number): Record<string, string> | undefined {
  const { request, provider } = context;
  return provider.errorHeaders?.({
    status,
    method: request.method,
    path: request.path,
    model: modelOfRequest(request),
  });
}

function defaultErrorBody(context: RouteContext, status: number): unknown {
  const { request, provider } = context;
  return provider.errorBody({
    status,
    method: request.method,
    path: request.path,
    model: modelOfRequest(request),
  });
}
