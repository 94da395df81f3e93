import { BadRequestError, NotFoundError } from '../errors/error-classes.js';
import type { ChatRequest } from '../schemas/chat-request.js';
import type { ChatChunk, ChatResponse } from '../schemas/chat-response.js';
import { type InputItemsQuery, listInputItems, type ResponseItemList } from './input-items.js';
import { toResponseEvents } from './response-events.js';
import type { DeletedResponse, ResponseObject, ResponseStreamEvent } from './response-object.js';
import type { CreateResponseRequest } from './response-request.js';
import type { ResponseStore } from './response-store.js';
import { type ConversationItem, inputItemsOf, toChatRequest } from './to-chat-request.js';
import { toResponse } from './to-response.js';

// The Responses API answered through chat for every provider, with stored responses for
// `previous_response_id`, retrieval and deletion.

export interface ResponsesContext {
  store: ResponseStore;
  /** Clock in ms. */
  now: () => number;
  /** A new response id (`resp_…`). */
  generateId: () => string;
}

/** The gateway's chat call, with the caller's options bound. */
export type ChatCall = (request: ChatRequest) => Promise<ChatResponse | AsyncIterable<ChatChunk>>;

/** A fresh response id: `resp_` and 32 hex digits. */
export function generateResponseId(): string {
  return `resp_${globalThis.crypto.randomUUID().replaceAll('-', '')}`;
}

function notFound(id: string, param: string | null): NotFoundError {
  const what = param === 'previous_response_id' ? 'Previous response' : 'Response';
  return new NotFoundError({
    message: `${what} with id '${id}' not found.`,
    param,
    code: param === 'previous_response_id' ? 'previous_response_not_found' : 'response_not_found',
  });
}

/** The conversation before this request: the earlier response's items and output. */
async function earlierItems(
  request: CreateResponseRequest,
  store: ResponseStore,
): Promise<ConversationItem[]> {
  const previousId = request.previous_response_id;
  if (!previousId) return [];
  const stored = await store.get(previousId);
  if (!stored) throw notFound(previousId, 'previous_response_id');
  return [...stored.items, ...stored.response.output];
}

async function* storing(
  events: AsyncIterable<ResponseStreamEvent>,
  store: ResponseStore | undefined,
  items: ConversationItem[],
  inputCount: number,
): AsyncGenerator<ResponseStreamEvent> {
  for await (const event of events) {
    if (store && (event.type === 'response.completed' || event.type === 'response.incomplete')) {
      await store.put(event.response, items, inputCount);
    }
    yield event;
  }
}

/**
 * A response answered by one chat call. With `stream: true` it resolves (once the upstream
 * accepted the request) to the typed events; otherwise to the Response object. Responses are
 * stored unless `store: false`.
 */
export async function responsesViaChat(
  request: CreateResponseRequest,
  chat: ChatCall,
  context: ResponsesContext,
): Promise<ResponseObject | AsyncIterable<ResponseStreamEvent>> {
  const previous = await earlierItems(request, context.store);
  const chatRequest = toChatRequest(request, previous);
  const own = inputItemsOf(request);
  const items = [...previous, ...own];
  const store = request.store === false ? undefined : context.store;
  const id = context.generateId();
  const seconds = () => Math.floor(context.now() / 1000);
  const createdAt = seconds();
  if (request.stream === true) {
    const chunks = (await chat({
      ...chatRequest,
      stream: true,
      stream_options: { include_usage: true },
    })) as AsyncIterable<ChatChunk>;
    return storing(toResponseEvents(chunks, request, id, createdAt, seconds), store, items, own.length);
  }
  const answer = (await chat({ ...chatRequest, stream: false })) as ChatResponse;
  const response = toResponse(answer, request, id, createdAt, seconds());
  if (store) await store.put(response, items, own.length);
  return response;
}

/** A stored response; a 404 naming the id when there is none. */
export async function getStoredResponse(store: ResponseStore, id: string): Promise<ResponseObject> {
  const stored = await store.get(id);
  if (!stored) throw notFound(id, null);
  return stored.response;
}

/** Deletes a stored response; a 404 naming the id when there is none. */
export async function deleteStoredResponse(store: ResponseStore, id: string): Promise<DeletedResponse> {
  if (!(await store.delete(id))) throw notFound(id, null);
  return { id, object: 'response', deleted: true };
}

/** One page of a stored response's input items; a 404 naming the id when there is none. */
export async function storedInputItems(
  store: ResponseStore,
  id: string,
  query: InputItemsQuery,
): Promise<ResponseItemList> {
  const stored = await store.get(id);
  if (!stored) throw notFound(id, null);
  return listInputItems(stored, query);
}

/**
 * Cancelling a response the chat bridge answered: those are never background responses, so this
 * is OpenAI's 400 for a synchronous response (a 404 when there is none with that id).
 */
export async function cancelStoredResponse(store: ResponseStore, id: string): Promise<never> {
  if (!(await store.get(id))) throw notFound(id, null);
  throw new BadRequestError({
    message:
      'Cannot cancel a synchronous response: only responses created with background=true can be cancelled, and this one was answered in full.',
    param: null,
    code: 'response_not_cancellable',
  });
}
