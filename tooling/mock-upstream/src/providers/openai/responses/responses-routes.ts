import { EventStream } from '../../../core/event-stream.js';
import type { ErrorBodyContext, ErrorReply, MockRoute, RouteContext } from '../../../core/provider.js';
import { sendErrorReply, sendJson } from '../../../core/send-json.js';
import { defaultOpenAIErrorBody, openAIError } from '../openai-error.js';
import { completedResponse, conversationAfter, queuedResponse } from './build-response.js';
import { buildResponseEvents } from './build-response-events.js';
import { readResponsesRequest } from './read-responses-request.js';
import {
  type ItemJson,
  type ResponseJson,
  type StoredMockResponse,
  StoredResponses,
} from './stored-responses.js';

export interface ResponsesRoutesOptions {
  /** The collection's path below the provider's prefix (`/responses`; Azure `/v1/responses` too). */
  base: string;
  /** A query parameter every call needs (Azure's `api-version`), and the answer without it. */
  requiredQuery?: { name: string; missing: () => ErrorReply };
}

const notFound = (id: string) => openAIError(404, `Response with id '${id}' not found.`);

/** The Responses API's `error` event, sent after the first event for a rule's `streamErrorStatus`. */
function streamErrorFrame(context: ErrorBodyContext) {
  const { message } = defaultOpenAIErrorBody(context).error;
  const code = context.status === 429 ? 'rate_limit_exceeded' : 'server_error';
  return {
    event: 'error',
    data: JSON.stringify({ type: 'error', sequence_number: 1, code, message, param: null }),
  };
}

async function streamEvents(
  context: RouteContext,
  response: ResponseJson,
  startingAfter = -1,
): Promise<void> {
  const stream = new EventStream(context, streamErrorFrame);
  stream.open();
  for (const event of buildResponseEvents(response)) {
    if ((event.data.sequence_number as number) <= startingAfter) continue;
    if (!(await stream.send({ event: event.type, data: JSON.stringify(event.data) }))) return;
  }
  await stream.end();
}

/**
 * OpenAI's Responses API: create (JSON, events, or a queued background response), retrieve
 * (`?stream=true` replays the events), delete, list input items, cancel. Stored responses live
 * in the server's objects until `reset()`; `previous_response_id` continues one.
 */
export function responsesRoutes(options: ResponsesRoutesOptions): MockRoute[] {
  const { base, requiredQuery } = options;
  /** Runs `handle` with the stored responses, unless the required query parameter is missing. */
  const guarded =
    (handle: (context: RouteContext, stored: StoredResponses) => Promise<void> | void) =>
    async (context: RouteContext) => {
      if (requiredQuery && !context.request.query[requiredQuery.name]) {
        return sendErrorReply(context, requiredQuery.missing());
      }
      await handle(context, new StoredResponses(context.objects));
    };
  /** The stored response named by the path, or its 404 (sent). */
  const find = (context: RouteContext, stored: StoredResponses): StoredMockResponse | undefined => {
    const id = context.params.id ?? '';
    const record = stored.get(id);
    if (!record) sendErrorReply(context, notFound(id));
    return record;
  };

  const create: MockRoute = {
    method: 'POST',
    path: base,
    handle: guarded(async (context, stored) => {
      const seed = String(context.request.id);
      const parsed = readResponsesRequest(context.request.body, seed, stored);
      if (!parsed.ok) return sendErrorReply(context, parsed.error);
      const { request } = parsed;
      const input = { request, respond: context.rule?.respond, seed, now: Math.floor(Date.now() / 1000) };
      if (request.background && !request.stream) {
        const queued = queuedResponse(input);
        const done = completedResponse(input, queued.id);
        stored.put({
          response: queued,
          inputItems: request.inputItems,
          conversation: request.conversation,
          completion: { response: done, conversation: conversationAfter(request, done) },
        });
        return sendJson(context, 200, queued);
      }
      const response = completedResponse(input);
      if (request.store) {
        stored.put({
          response,
          inputItems: request.inputItems,
          conversation: conversationAfter(request, response),
        });
      }
      if (!request.stream) return sendJson(context, 200, response);
      await streamEvents(context, response);
    }),
  };

  const retrieve: MockRoute = {
    method: 'GET',
    path: `${base}/:id`,
    handle: guarded(async (context, stored) => {
      const record = find(context, stored);
      if (!record) return;
      if (record.completion) {
        // A background response has finished by the time anyone asks.
        stored.put({ ...record, ...record.completion, completion: undefined });
        record.response = record.completion.response;
      }
      const { query } = context.request;
      if (query.stream === 'true') {
        return streamEvents(context, record.response, Number(query.starting_after ?? -1));
      }
      sendJson(context, 200, record.response);
    }),
  };

  const remove: MockRoute = {
    method: 'DELETE',
    path: `${base}/:id`,
    handle: guarded((context, stored) => {
      const id = context.params.id ?? '';
      if (!stored.delete(id)) return sendErrorReply(context, notFound(id));
      sendJson(context, 200, { id, object: 'response', deleted: true });
    }),
  };

  const inputItems: MockRoute = {
    method: 'GET',
    path: `${base}/:id/input_items`,
    handle: guarded((context, stored) => {
      const record = find(context, stored);
      if (!record) return;
      const page = listItems(record.inputItems, context.request.query);
      if ('status' in page) return sendErrorReply(context, page);
      sendJson(context, 200, page);
    }),
  };

  const cancel: MockRoute = {
    method: 'POST',
    path: `${base}/:id/cancel`,
    handle: guarded((context, stored) => {
      const record = find(context, stored);
      if (!record) return;
      if (!record.response.background) {
        return sendErrorReply(context, openAIError(400, 'Cannot cancel a synchronous response.'));
      }
      if (record.response.status === 'queued' || record.response.status === 'in_progress') {
        record.response = { ...record.response, status: 'cancelled' };
        stored.put({ ...record, completion: undefined });
      }
      sendJson(context, 200, record.response);
    }),
  };

  return [create, inputItems, cancel, retrieve, remove];
}

/** One page of input items (`limit` 1..100, default 20; `order` default `desc`; `after` an item id). */
function listItems(items: ItemJson[], query: Record<string, string>) {
  const limit = query.limit === undefined ? 20 : Number(query.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    return openAIError(400, `Invalid 'limit': integer out of range. Expected a value between 1 and 100.`, {
      param: 'limit',
      code: 'integer_out_of_range',
    });
  }
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    return openAIError(400, `Invalid value: '${order}'. Supported values are: 'asc' and 'desc'.`, {
      param: 'order',
      code: 'invalid_value',
    });
  }
  const ordered = order === 'asc' ? items : [...items].reverse();
  const start = query.after === undefined ? 0 : ordered.findIndex((item) => item.id === query.after) + 1;
  const data = ordered.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < ordered.length,
  };
}
