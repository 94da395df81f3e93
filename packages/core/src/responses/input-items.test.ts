import { describe, expect, it } from 'vitest';
import { checkInputItemsQuery, inputItemsQueryParams, listInputItems } from './input-items.js';
import type { ResponseObject } from './response-object.js';
import type { StoredResponse } from './response-store.js';

const stored: StoredResponse = {
  response: { id: 'resp_abc' } as ResponseObject,
  items: [
    { type: 'message', role: 'user', content: 'earlier turn' },
    { type: 'message', role: 'user', content: 'one' },
    { role: 'user', content: [{ type: 'input_text', text: 'two' }] },
    { type: 'function_call_output', call_id: 'call_1', output: 'three' },
  ],
  inputCount: 3,
};

describe('listInputItems', () => {
  it('lists the request’s own input, newest first, with stable ids and parts', () => {
    const page = listInputItems(stored, {});
    expect(page).toMatchObject({
      object: 'list',
      has_more: false,
      first_id: 'fco_abc_in2',
      last_id: 'msg_abc_in0',
    });
    expect(page.data.map((item) => item.id)).toEqual(['fco_abc_in2', 'msg_abc_in1', 'msg_abc_in0']);
    expect(page.data[2]).toEqual({
      type: 'message',
      id: 'msg_abc_in0',
      role: 'user',
      status: 'completed',
      content: [{ type: 'input_text', text: 'one' }],
    });
  });

  it('pages with limit and after, in either order', () => {
    const first = listInputItems(stored, { limit: 2, order: 'asc' });
    expect(first.data.map((item) => item.id)).toEqual(['msg_abc_in0', 'msg_abc_in1']);
    expect(first.has_more).toBe(true);
    const next = listInputItems(stored, { limit: 2, order: 'asc', after: first.last_id! });
    expect(next).toMatchObject({ has_more: false, data: [{ id: 'fco_abc_in2' }] });
    expect(() => listInputItems(stored, { after: 'msg_unknown' })).toThrow(/after/);
  });

  it('lists every item of a response stored without a count', () => {
    const { inputCount: _count, ...all } = stored;
    expect(listInputItems(all, {}).data).toHaveLength(4);
  });
});

describe('checkInputItemsQuery', () => {
  it('refuses a limit outside 1..100 and an unknown order, naming the parameter', () => {
    expect(() => checkInputItemsQuery({ limit: 0 })).toThrow(
      expect.objectContaining({ param: 'limit', status: 400 }),
    );
    expect(() => checkInputItemsQuery({ limit: Number.NaN })).toThrow(
      expect.objectContaining({ param: 'limit' }),
    );
    expect(() => checkInputItemsQuery({ order: 'up' as 'asc' })).toThrow(
      expect.objectContaining({ param: 'order' }),
    );
    expect(checkInputItemsQuery({})).toEqual({ limit: 20, order: 'desc' });
  });

  it('turns the query into URL parameters for an upstream', () => {
    expect(inputItemsQueryParams({ after: 'msg_1', limit: 5, order: 'asc', include: ['a', 'b'] })).toEqual({
      after: 'msg_1',
      limit: '5',
      order: 'asc',
      'include[]': ['a', 'b'],
    });
  });
});
