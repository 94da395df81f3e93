import {
  createResponseRequestSchema,
  parseRequest,
  type ResponseStreamEvent,
  toJsonText,
} from '@switchyard/core';
import type { Context, Hono } from 'hono';
import { callOptionsFor } from '../http/call-options.js';
import { readJsonBody } from '../http/read-json-body.js';
import { responsesSseResponse } from '../http/responses-sse-response.js';
import type { ProxyEnv, ProxyServices } from '../proxy-env.js';

/**
 * The Responses API, bridged through chat for every provider: POST /v1/responses, and
 * GET / DELETE /v1/responses/{id} for stored responses (each also without the /v1 prefix).
 */
export function responsesRoutes(app: Hono<ProxyEnv>, services: ProxyServices): void {
  const create = async (c: Context<ProxyEnv>) => {
    const body = await readJsonBody(c);
    const callOptions = callOptionsFor(c, body, services);
    const request = parseRequest(createResponseRequestSchema, body);
    const result = await services.gateway.responses(request, callOptions);
    if (Symbol.asyncIterator in result) {
      return responsesSseResponse(result as AsyncIterable<ResponseStreamEvent>, {
        onError: (error) => services.logger.warn('stream ended with an error', { error: describe(error) }),
      });
    }
    return c.body(toJsonText(result), 200, { 'content-type': 'application/json' });
  };
  const retrieve = async (c: Context<ProxyEnv>) =>
    c.json(await services.gateway.getResponse(c.req.param('id')!));
  const remove = async (c: Context<ProxyEnv>) =>
    c.json(await services.gateway.deleteResponse(c.req.param('id')!));
  for (const prefix of ['/v1', '']) {
    app.post(`${prefix}/responses`, create);
    app.get(`${prefix}/responses/:id`, retrieve);
    app.delete(`${prefix}/responses/:id`, remove);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
