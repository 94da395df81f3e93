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

  it('keeps how many items are the response’s own input', () => {
    const store = createMemoryResponseStore();
    store.put(response('resp_1'), items, 1);
    expect(store.get('resp_1')).toMatchObject({ inputCount: 1 });
  });

  it('remembers, returns and forgets the deployment of responses stored upstream, LRU-bounded', () => {
    const store = createMemoryResponseStore({ maxEntries: 2 });
    const ref = (deployment: string) => ({
      deployment,
      requestedModel: 'gpt',
      provider: 'openai',
      model: 'gpt-4o',
    });
    store.putUpstream('resp_a', ref('dep_a'));
    store.putUpstream('resp_b', ref('dep_b'));
    expect(store.getUpstream('resp_a')).toEqual(ref('dep_a'));
    store.putUpstream('resp_c', ref('dep_c'));
    expect(store.getUpstream('resp_b')).toBeUndefined();
    expect(store.deleteUpstream('resp_a')).toBe(true);
    expect(store.deleteUpstream('resp_a')).toBe(false);
    expect(store.getUpstream('resp_c')).toEqual(ref('dep_c'));
    // The two kinds of entries are bounded separately.
    store.put(response('resp_x'), []);
    expect(store.getUpstream('resp_c')).toBeDefined();
  });

  it('refuses a bound that is not a positive integer', () => {
    expect(() => createMemoryResponseStore({ maxEntries: 0 })).toThrow(RangeError);
  });
});
