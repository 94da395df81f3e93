import type { CompletionOptions } from '../gateway/create-switchyard.js';
import type { DeletedResponse, ResponseObject, ResponseStreamEvent } from './response-object.js';
import type { CreateResponseRequest } from './response-request.js';
import { createMemoryResponseStore, type ResponseStore } from './response-store.js';
import {
  type ChatCall,
  deleteStoredResponse,
  generateResponseId,
  getStoredResponse,
  responsesViaChat,
} from './responses-via-chat.js';

/** The gateway's options for the Responses API. */
export interface ResponsesOptions {
  /** Where responses are stored for previous_response_id; default in memory, 1,000 entries (LRU). */
  responseStore?: ResponseStore;
  /** Injected response id generator; default `resp_` + a random UUID's hex digits. */
  generateResponseId?: () => string;
}

/** The Responses API on the gateway: bridged through chat for every provider. */
export interface ResponsesApi {
  /**
   * OpenAI's Responses API (`input` items in, `output` items out), bridged through chat. With
   * `stream: true` it resolves to an async iterable of `response.*` events.
   */
  responses(
    request: CreateResponseRequest,
    options?: CompletionOptions,
  ): Promise<ResponseObject | AsyncIterable<ResponseStreamEvent>>;
  /** A stored response; NotFoundError when there is none with that id. */
  getResponse(id: string): Promise<ResponseObject>;
  /** Deletes a stored response; NotFoundError when there is none with that id. */
  deleteResponse(id: string): Promise<DeletedResponse>;
}

/** The Responses API over a gateway's chat call (`chatFor(options)` binds the call options). */
export function createResponsesApi(
  options: ResponsesOptions,
  now: () => number,
  chatFor: (call: CompletionOptions) => ChatCall,
): ResponsesApi {
  const store = options.responseStore ?? createMemoryResponseStore();
  const context = { store, now, generateId: options.generateResponseId ?? generateResponseId };
  return {
    responses: (request, call = {}) => responsesViaChat(request, chatFor(call), context),
    getResponse: (id) => getStoredResponse(store, id),
    deleteResponse: (id) => deleteStoredResponse(store, id),
  };
}
