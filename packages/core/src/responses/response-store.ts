import type { ResponseObject } from './response-object.js';
import type { ConversationItem } from './to-chat-request.js';

/** A stored response with the conversation items that led to it (without its own output). */
export interface StoredResponse {
  response: ResponseObject;
  items: ConversationItem[];
  /** How many of `items` (the last ones) are the response's own input, as its input item list shows. */
  inputCount?: number;
}

/**
 * Where a response created natively upstream (OpenAI, Azure) lives: the deployment that created it,
 * so that retrieval, deletion, its input items, cancellation and `previous_response_id` reach the
 * same upstream account. Plain data without secrets, so a shared store can keep it.
 */
export interface UpstreamResponseRef {
  /** The deployment's stable key (its `model_info.id`, else a digest of its identity). */
  deployment: string;
  /** The model name the client asked for. */
  requestedModel: string;
  /** The provider id and upstream model id the response was created with. */
  provider: string;
  model: string;
}

/**
 * Where responses made with `store: true` are kept for `previous_response_id`, retrieval and
 * deletion: whole responses made through the chat bridge, and for responses stored upstream only
 * which deployment holds them. Methods may be async (a database-backed store) or not (the
 * in-memory one).
 */
export interface ResponseStore {
  get(id: string): Promise<StoredResponse | undefined> | StoredResponse | undefined;
  /**
   * Keeps a response; `itemsForContinuation` is its conversation before its own output, the last
   * `inputCount` of them the request's own input.
   */
  put(
    response: ResponseObject,
    itemsForContinuation: ConversationItem[],
    inputCount?: number,
  ): Promise<void> | void;
  /** Removes a response; false when there was none with that id. */
  delete(id: string): Promise<boolean> | boolean;
  /** Which deployment holds a response stored upstream; undefined when the id is not one. */
  getUpstream(id: string): Promise<UpstreamResponseRef | undefined> | UpstreamResponseRef | undefined;
  /** Remembers the deployment that created a response stored upstream. */
  putUpstream(id: string, ref: UpstreamResponseRef): Promise<void> | void;
  /** Forgets a response stored upstream (after it was deleted there); false when unknown. */
  deleteUpstream(id: string): Promise<boolean> | boolean;
}

export interface MemoryResponseStoreOptions {
  /**
   * The most entries kept, least recently used first out; the bound applies to stored responses
   * and to upstream references separately. Default 1,000.
   */
  maxEntries?: number;
}

/** A Map used as an LRU: re-inserting on use keeps the least recently used first. */
function lruMap<Value>(maxEntries: number) {
  const entries = new Map<string, Value>();
  return {
    get(id: string): Value | undefined {
      const entry = entries.get(id);
      if (entry !== undefined) {
        entries.delete(id);
        entries.set(id, entry);
      }
      return entry;
    },
    set(id: string, value: Value): void {
      entries.delete(id);
      entries.set(id, value);
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    delete: (id: string) => entries.delete(id),
  };
}

/** A bounded in-memory store, least recently used evicted first. Per gateway, never shared. */
export function createMemoryResponseStore(options: MemoryResponseStoreOptions = {}): ResponseStore {
  const maxEntries = options.maxEntries ?? 1000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  const responses = lruMap<StoredResponse>(maxEntries);
  const upstream = lruMap<UpstreamResponseRef>(maxEntries);
  return {
    get: (id) => responses.get(id),
    put: (response, items, inputCount) =>
      responses.set(response.id, { response, items, ...(inputCount !== undefined ? { inputCount } : {}) }),
    delete: (id) => responses.delete(id),
    getUpstream: (id) => upstream.get(id),
    putUpstream: (id, ref) => upstream.set(id, ref),
    deleteUpstream: (id) => upstream.delete(id),
  };
}
