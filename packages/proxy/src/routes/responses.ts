import {
  BadRequestError,
  createResponseRequestSchema,
  type InputItemsQuery,
  parseRequest,
  type ResponseOperation,
  type ResponseStreamEvent,
  toJsonText,
} from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { requestSignal } from '../http/node-request.js';
import { passthroughResponse } from '../http/passthrough-response.js';
import { readJsonBody } from '../http/read-json-body.js';
import { responsesSseResponse } from '../http/responses-sse-response.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/** Query parameters OpenAI defines for each operation; nothing else is forwarded upstream. */
const retrieveParams = ['include', 'include[]', 'stream', 'starting_after', 'include_obfuscation'];
const inputItemsParams = ['after', 'before', 'limit', 'order', 'include', 'include[]'];

function pick(c: Context<ProxyEnv>, names: ReadonlyArray<string>): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const name of names) {
    const values = c.req.queries(name);
    if (values?.length) query[name] = values;
  }
  return query;
}

/** The input item list's query for a response the gateway stores itself. */
function inputItemsQuery(query: Record<string, string[]>): InputItemsQuery {
  const out: InputItemsQuery = {};
  const one = (name: string) => query[name]?.[0];
  const after = one('after');
  const limit = one('limit');
  const order = one('order');
  if (after !== undefined) out.after = after;
  if (limit !== undefined) out.limit = Number(limit);
  if (order !== undefined) out.order = order as InputItemsQuery['order'];
  const include = [...(query.include ?? []), ...(query['include[]'] ?? [])];
  if (include.length > 0) out.include = include;
  return out;
}

/**
 * The Responses API: POST /v1/responses passed through to deployments that speak it natively
 * (OpenAI, Azure) and bridged through chat for every other provider; GET and DELETE
 * /v1/responses/{id}, GET /v1/responses/{id}/input_items and POST /v1/responses/{id}/cancel,
 * forwarded to the upstream that stores a native response or answered from the gateway's store
 * (each also without the /v1 prefix).
 */
export function responsesRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const { gateway } = services;
  const create = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const options = callOptionsFor(c, body, services);
    const passed = await gateway.passthrough(
      'openai-responses',
      { body, stream: body.stream === true },
      options,
    );
    if (passed) return passthroughResponse(passed);
    const request = parseRequest(createResponseRequestSchema, body);
    const result = await gateway.responses(request, { ...options, nativeApis: false });
    if (Symbol.asyncIterator in result) {
      return responsesSseResponse(result as AsyncIterable<ResponseStreamEvent>, {
        onError: (error) => services.logger.warn('stream ended with an error', { error: describe(error) }),
      });
    }
    return c.body(toJsonText(result), 200, { 'content-type': 'application/json' });
  };

  /** Forwards to the upstream that stores the response; undefined when the gateway stores it. */
  const forward = (c: Context<ProxyEnv>, operation: ResponseOperation) =>
    gateway.forwardResponseOperation(c.req.param('id')!, operation, { signal: requestSignal(c) });

  const retrieve = async (c: Context<ProxyEnv>) => {
    const query = pick(c, retrieveParams);
    const stream = query.stream?.[0] === 'true';
    const passed = await forward(c, { kind: 'retrieve', query, stream });
    if (passed) return passthroughResponse(passed);
    if (stream) {
      throw new BadRequestError({
        message:
          'Streaming a stored response (stream=true) is only possible for background responses, and this one was answered in full; retrieve it without stream.',
        param: 'stream',
        code: 'invalid_value',
      });
    }
    return c.json(await gateway.getResponse(c.req.param('id')!));
  };
  const remove = async (c: Context<ProxyEnv>) => {
    const passed = await forward(c, { kind: 'delete' });
    return passed ? passthroughResponse(passed) : c.json(await gateway.deleteResponse(c.req.param('id')!));
  };
  const inputItems = async (c: Context<ProxyEnv>) => {
    const query = pick(c, inputItemsParams);
    const passed = await forward(c, { kind: 'input_items', query });
    if (passed) return passthroughResponse(passed);
    return c.json(await gateway.responseInputItems(c.req.param('id')!, inputItemsQuery(query)));
  };
  const cancel = async (c: Context<ProxyEnv>) => {
    const passed = await forward(c, { kind: 'cancel' });
    return passed ? passthroughResponse(passed) : c.json(await gateway.cancelResponse(c.req.param('id')!));
  };
  for (const prefix of ['/v1', '']) {
    app.post(`${prefix}/responses`, create);
    app.get(`${prefix}/responses/:id`, retrieve);
    app.delete(`${prefix}/responses/:id`, remove);
    app.get(`${prefix}/responses/:id/input_items`, inputItems);
    app.post(`${prefix}/responses/:id/cancel`, cancel);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
