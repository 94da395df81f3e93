import { describe, expect, it } from 'vitest';
import type { ResponseObject } from './response-object.js';
import { createMemoryResponseStore } from './response-store.js';

const response = (id: string) => ({ id, object: 'response' }) as ResponseObject;
const items = [{ role: 'user' as const, content: 'hi' }];

describe('createMemoryResponseStore', () => {
  it('keeps, returns and deletes responses with their items', () => {
    const store = createMemoryResponseStore();
    store.put(response('resp_1'), items);
    expect(store.get('resp_1')).toEqual({ response: response('resp_1'), items });
    expect(store.delete('resp_1')).toBe(true);
    expect(store.get('resp_1')).toBeUndefined();
    expect(store.delete('resp_1')).toBe(false);
  });

  it('evicts the least recently used response beyond maxEntries', () => {
    const store = createMemoryResponseStore({ maxEntries: 2 });
    store.put(response('resp_1'), []);
    store.put(response('resp_2'), []);
    store.get('resp_1');
    store.put(response('resp_3'), []);
    expect(store.get('resp_2')).toBeUndefined();
    expect(store.get('resp_1')).toBeDefined();
    expect(store.get('resp_3')).toBeDefined();
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemoryResponseStore({ maxEntries: 0 })).toThrow(RangeError);
  });
});
