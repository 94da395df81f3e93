import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageOffset, pageSize } from './pagination.js';

describe('pagination helpers', () => {
  it('round-trips a cursor', () => {
    const position = { time: new Date('2026-05-01T10:00:00.123Z'), id: 'req-1' };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });

  it.each([
    '',
    'x',
    Buffer.from('[1]').toString('base64url'),
    Buffer.from('["a","b"]').toString('base64url'),
  ])('refuses the malformed cursor %j with a 400 naming cursor', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ status: 400, param: 'cursor' }));
  });

  it('bounds page sizes and offsets', () => {
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(0)).toBe(1);
    expect(pageSize(5.7)).toBe(5);
    expect(pageSize(10_000)).toBe(1_000);
    expect(pageSize(Number.NaN)).toBe(50);
    expect(pageOffset(undefined)).toBe(0);
    expect(pageOffset(-3)).toBe(0);
    expect(pageOffset(20)).toBe(20);
  });
});
