import { describe, expect, it } from 'vitest';
import { parseDataUrl } from './data-url.js';
import { thinkingBudgetFor } from './reasoning-budget.js';

describe('parseDataUrl', () => {
  it('reads base64 data URLs', () => {
    expect(parseDataUrl('data:image/png;base64,iVBORw0KGgo=')).toEqual({
      mediaType: 'image/png',
      data: 'iVBORw0KGgo=',
    });
  });
  it('encodes percent-encoded data URLs as base64', () => {
    expect(parseDataUrl('data:text/plain,hello%20world')).toEqual({
      mediaType: 'text/plain',
      data: Buffer.from('hello world').toString('base64'),
    });
  });
  it('ignores other URLs and broken ones', () => {
    expect(parseDataUrl('https://example.com/cat.png')).toBeUndefined();
    expect(parseDataUrl('data:image/png;base64')).toBeUndefined();
    expect(parseDataUrl('data:,%E0%A4%A')).toBeUndefined();
  });
});

describe('thinkingBudgetFor', () => {
  it('maps efforts to budgets, none to 0', () => {
    expect(thinkingBudgetFor('low')).toBe(1024);
    expect(thinkingBudgetFor('high')).toBe(4096);
    expect(thinkingBudgetFor('none')).toBe(0);
  });
});
