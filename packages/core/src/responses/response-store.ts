import type { ResponseObject } from './response-object.js';
import type { ConversationItem } from './to-chat-request.js';

/** A stored response with the conversation items that led to it (without its own output). */
export interface StoredResponse {
  response: ResponseObject;
  items: ConversationItem[];
}

/**
 * Where responses made with `store: true` are kept for `previous_response_id`, retrieval and
 * deletion. Methods may be async (a database-backed store) or not (the in-memory one).
 */
export interface ResponseStore {
  get(id: string): Promise<StoredResponse | undefined> | StoredResponse | undefined;
  /** Keeps a response; `itemsForContinuation` is its conversation before its own output. */
  put(response: ResponseObject, itemsForContinuation: ConversationItem[]): Promise<void> | void;
  /** Removes a response; false when there was none with that id. */
  delete(id: string): Promise<boolean> | boolean;
}

export interface MemoryResponseStoreOptions {
  /** The most responses kept; the least recently used goes first. Default 1,000. */
  maxEntries?: number;
}

/** A bounded in-memory store, least recently used evicted first. Per gateway, never shared. */
export function createMemoryResponseStore(options: MemoryResponseStoreOptions = {}): ResponseStore {
  const maxEntries = options.maxEntries ?? 1000;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new RangeError(`maxEntries must be a positive integer, got ${maxEntries}`);
  }
  // A Map iterates in insertion order: re-inserting on use keeps the least recent first.
  const entries = new Map<string, StoredResponse>();
  return {
    get(id) {
      const entry = entries.get(id);
      if (entry) {
        entries.delete(id);
        entries.set(id, entry);
      }
      return entry;
    },
    put(response, items) {
      entries.delete(response.id);
      entries.set(response.id, { response, items });
      while (entries.size > maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
    },
    delete(id) {
      return entries.delete(id);
    },
  };
}
