import { BadRequestError } from '../errors/error-classes.js';
import { idSuffix } from './response-object.js';
import type { StoredResponse } from './response-store.js';
import type { ConversationItem } from './to-chat-request.js';

/** `GET /responses/{id}/input_items`'s query. */
export interface InputItemsQuery {
  /** An item id: list the items after it. */
  after?: string;
  /** 1 to 100; default 20. */
  limit?: number;
  /** Default `desc` (newest first). */
  order?: 'asc' | 'desc';
  /** Additional fields to include (forwarded to native upstreams). */
  include?: string[];
}

/** An item as the input item list shows it: with an id and a status. */
export type ListedItem = Record<string, unknown> & { id: string; type: string };

/** `ResponseItemList`: one page of a response's input items. */
export interface ResponseItemList {
  object: 'list';
  data: ListedItem[];
  first_id: string | null;
  last_id: string | null;
  has_more: boolean;
}

/** Checks the query as OpenAI does (a 400 naming the parameter) and returns it with its defaults. */
export function checkInputItemsQuery(
  query: InputItemsQuery,
): Required<Omit<InputItemsQuery, 'after' | 'include'>> & Pick<InputItemsQuery, 'after' | 'include'> {
  const limit = query.limit ?? 20;
  if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
    throw new BadRequestError({
      message: `Invalid 'limit': expected an integer between 1 and 100, got ${String(query.limit)}.`,
      param: 'limit',
      code: 'invalid_value',
    });
  }
  const order = query.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') {
    throw new BadRequestError({
      message: `Invalid 'order': expected 'asc' or 'desc', got '${String(query.order)}'.`,
      param: 'order',
      code: 'invalid_value',
    });
  }
  return { ...query, limit, order };
}

/** The query as URL parameters, for an upstream that lists the items itself. */
export function inputItemsQueryParams(query: InputItemsQuery): Record<string, string | string[]> {
  const params: Record<string, string | string[]> = {};
  if (query.after !== undefined) params.after = query.after;
  if (query.limit !== undefined) params.limit = String(query.limit);
  if (query.order !== undefined) params.order = query.order;
  if (query.include?.length) params['include[]'] = query.include;
  return params;
}

const idPrefixes: Record<string, string> = {
  message: 'msg',
  function_call: 'fc',
  function_call_output: 'fco',
  reasoning: 'rs',
};

/** A stored item with the id and shape the list shows (text content as parts, a status). */
function listed(item: ConversationItem, responseId: string, index: number): ListedItem {
  const type = item.type ?? 'message';
  const id = item.id ?? `${idPrefixes[type] ?? 'item'}_${idSuffix(responseId)}_in${index}`;
  const out: ListedItem = { ...item, id, type };
  if ('role' in item && typeof item.content === 'string') {
    out.content =
      item.role === 'assistant'
        ? [{ type: 'output_text', text: item.content, annotations: [] }]
        : [{ type: 'input_text', text: item.content }];
  }
  if (out.status === undefined || out.status === null) out.status = 'completed';
  return out;
}

/**
 * One page of the input items of a response the chat bridge stored: the input its request sent
 * (earlier turns named by previous_response_id are theirs), items without ids given stable ones.
 */
export function listInputItems(stored: StoredResponse, query: InputItemsQuery): ResponseItemList {
  const { limit, order, after } = checkInputItemsQuery(query);
  const own =
    stored.inputCount === undefined
      ? stored.items
      : stored.items.slice(stored.items.length - stored.inputCount);
  const all = own.map((item, index) => listed(item, stored.response.id, index));
  if (order === 'desc') all.reverse();
  let start = 0;
  if (after !== undefined) {
    const position = all.findIndex((item) => item.id === after);
    if (position === -1) {
      throw new BadRequestError({
        message: `Invalid 'after': no input item with id '${after}' in this response.`,
        param: 'after',
        code: 'invalid_value',
      });
    }
    start = position + 1;
  }
  const data = all.slice(start, start + limit);
  return {
    object: 'list',
    data,
    first_id: data[0]?.id ?? null,
    last_id: data.at(-1)?.id ?? null,
    has_more: start + limit < all.length,
  };
}
