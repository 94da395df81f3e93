import type { CompletionOptions } from '../gateway/create-switchyard.js';
import { passthroughEvents, readPassthroughJson } from '../passthrough/read-passthrough-body.js';
import type { PassthroughResponse } from '../provider.js';
import {
  checkInputItemsQuery,
  type InputItemsQuery,
  inputItemsQueryParams,
  type ResponseItemList,
} from './input-items.js';
import type { NativeResponses, ResponseOperation } from './native-responses.js';
import type { DeletedResponse, ResponseObject, ResponseStreamEvent } from './response-object.js';
import type { CreateResponseRequest } from './response-request.js';
import type { ResponseStore } from './response-store.js';
import {
  type ChatCall,
  cancelStoredResponse,
  deleteStoredResponse,
  generateResponseId,
  getStoredResponse,
  responsesViaChat,
  storedInputItems,
} from './responses-via-chat.js';

/** The gateway's options for the Responses API. */
export interface ResponsesOptions {
  /**
   * Where responses are stored for previous_response_id (and, for responses stored upstream, which
   * deployment has them); default in memory, 1,000 entries of each (LRU).
   */
  responseStore?: ResponseStore;
  /** Injected response id generator; default `resp_` + a random UUID's hex digits. */
  generateResponseId?: () => string;
}

/** Per-call options of the operations on a stored response (cancellation, deadline, headers). */
export type ResponseCallOptions = Pick<CompletionOptions, 'signal' | 'timeoutMs' | 'headers'>;

/**
 * The Responses API on the gateway: native on deployments that speak it (OpenAI, Azure), bridged
 * through chat for every other provider.
 */
export interface ResponsesApi {
  /**
   * OpenAI's Responses API (`input` items in, `output` items out). With `stream: true` it resolves
   * to an async iterable of `response.*` events; a native stream carries every event the upstream
   * sends (hosted tools' events too), not only the types listed in `ResponseStreamEvent`.
   */
  responses(
    request: CreateResponseRequest,
    options?: CompletionOptions,
  ): Promise<ResponseObject | AsyncIterable<ResponseStreamEvent>>;
  /** A stored response (fetched from the upstream that stores it); NotFoundError when unknown. */
  getResponse(id: string, options?: ResponseCallOptions): Promise<ResponseObject>;
  /** Deletes a stored response (upstream too); NotFoundError when unknown. */
  deleteResponse(id: string, options?: ResponseCallOptions): Promise<DeletedResponse>;
  /** One page of the input items a stored response was answered from; NotFoundError when unknown. */
  responseInputItems(
    id: string,
    query?: InputItemsQuery,
    options?: ResponseCallOptions,
  ): Promise<ResponseItemList>;
  /**
   * Cancels a background response (stored upstream); a bridged response is never one, so it is a
   * 400 (NotFoundError when unknown).
   */
  cancelResponse(id: string, options?: ResponseCallOptions): Promise<ResponseObject>;
  /**
   * For the proxy: an operation on a response stored upstream, forwarded to the deployment that
   * created it with the answer's bytes unchanged; undefined when the gateway itself stores the
   * response (or nobody does), so the caller uses the methods above.
   */
  forwardResponseOperation(
    id: string,
    operation: ResponseOperation,
    options?: ResponseCallOptions,
  ): Promise<PassthroughResponse | undefined>;
}

/**
 * The Responses API over a gateway's chat call (`chatFor(options)` binds the call options) and its
 * native pass-through, sharing one store.
 */
export function createResponsesApi(
  options: ResponsesOptions & { responseStore: ResponseStore },
  now: () => number,
  chatFor: (call: CompletionOptions) => ChatCall,
  native: NativeResponses,
): ResponsesApi {
  const store = options.responseStore;
  const context = { store, now, generateId: options.generateResponseId ?? generateResponseId };
  const forward = (id: string, operation: ResponseOperation, call: ResponseCallOptions = {}) =>
    native.operation(id, operation, call);
  return {
    async responses(request, call = {}) {
      const stream = request.stream === true;
      const passed =
        call.nativeApis === false ? undefined : await native.create({ body: request, stream }, call);
      if (!passed) return responsesViaChat(request, chatFor(call), context);
      if (stream) return passthroughEvents(passed, 'response event') as AsyncIterable<ResponseStreamEvent>;
      return readPassthroughJson<ResponseObject>(passed, 'response');
    },
    async getResponse(id, call) {
      const passed = await forward(id, { kind: 'retrieve' }, call);
      return passed ? readPassthroughJson<ResponseObject>(passed, 'response') : getStoredResponse(store, id);
    },
    async deleteResponse(id, call) {
      const passed = await forward(id, { kind: 'delete' }, call);
      return passed
        ? readPassthroughJson<DeletedResponse>(passed, 'deletion')
        : deleteStoredResponse(store, id);
    },
    async responseInputItems(id, query = {}, call) {
      checkInputItemsQuery(query);
      const passed = await forward(id, { kind: 'input_items', query: inputItemsQueryParams(query) }, call);
      return passed
        ? readPassthroughJson<ResponseItemList>(passed, 'input item list')
        : storedInputItems(store, id, query);
    },
    async cancelResponse(id, call) {
      const passed = await forward(id, { kind: 'cancel' }, call);
      return passed
        ? readPassthroughJson<ResponseObject>(passed, 'response')
        : cancelStoredResponse(store, id);
    },
    forwardResponseOperation: forward,
  };
}
