import { SwitchyardError } from '@switchyard/core';
import { describe, expect, it } from 'vitest';
import { addBudgetDuration, nextBudgetResetAt, parseBudgetDuration } from './budget-duration.js';

describe('parseBudgetDuration', () => {
  it.each([
    ['30s', 30, 's'],
    ['30m', 30, 'm'],
    ['1h', 1, 'h'],
    ['1d', 1, 'd'],
    ['7d', 7, 'd'],
    ['30d', 30, 'd'],
    ['2w', 2, 'w'],
    ['1mo', 1, 'mo'],
    ['12mo', 12, 'mo'],
    [' 1d ', 1, 'd'],
  ])('parses %j', (text, count, unit) => {
    expect(parseBudgetDuration(text)).toEqual({ count, unit });
  });

  it.each(['', 'd', '1', '0d', '1.5d', '-1d', '1y', '1D', '1 d', '1month', 'none', '1dd', '9999999d'])(
    'refuses %j naming budget_duration',
    (text) => {
      let error: unknown;
      try {
        parseBudgetDuration(text);
      } catch (caught) {
        error = caught;
      }
      expect(SwitchyardError.isInstance(error)).toBe(true);
      const switchyardError = error as SwitchyardError;
      expect(switchyardError.status).toBe(400);
      expect(switchyardError.param).toBe('budget_duration');
      expect(switchyardError.message).toContain('budget_duration');
    },
  );

  it('refuses periods longer than 100 years', () => {
    expect(() => parseBudgetDuration('40000d')).toThrow(/100 years/);
    expect(() => parseBudgetDuration('1201mo')).toThrow(/100 years/);
    expect(parseBudgetDuration('1200mo')).toEqual({ count: 1200, unit: 'mo' });
  });
});

describe('addBudgetDuration', () => {
  const start = new Date('2026-01-31T09:15:00.000Z');

  it('adds fixed units', () => {
    expect(addBudgetDuration({ count: 30, unit: 's' }, start).toISOString()).toBe('2026-01-31T09:15:30.000Z');
    expect(addBudgetDuration({ count: 30, unit: 'm' }, start).toISOString()).toBe('2026-01-31T09:45:00.000Z');
    expect(addBudgetDuration({ count: 1, unit: 'h' }, start).toISOString()).toBe('2026-01-31T10:15:00.000Z');
    expect(addBudgetDuration({ count: 7, unit: 'd' }, start).toISOString()).toBe('2026-02-07T09:15:00.000Z');
    expect(addBudgetDuration({ count: 1, unit: 'w' }, start).toISOString()).toBe('2026-02-07T09:15:00.000Z');
  });

  it('adds calendar months, clamping to the end of shorter months', () => {
    expect(addBudgetDuration({ count: 1, unit: 'mo' }, start).toISOString()).toBe('2026-02-28T09:15:00.000Z');
    expect(addBudgetDuration({ count: 1, unit: 'mo' }, new Date('2028-01-31T00:00:00Z')).toISOString()).toBe(
      '2028-02-29T00:00:00.000Z',
    );
    expect(addBudgetDuration({ count: 2, unit: 'mo' }, start).toISOString()).toBe('2026-03-31T09:15:00.000Z');
    expect(addBudgetDuration({ count: 1, unit: 'mo' }, new Date('2026-12-15T00:00:00Z')).toISOString()).toBe(
      '2027-01-15T00:00:00.000Z',
    );
    expect(addBudgetDuration({ count: 1, unit: 'mo' }, start, 3).toISOString()).toBe(
      '2026-04-30T09:15:00.000Z',
    );
  });
});

describe('nextBudgetResetAt', () => {
  const periodEnd = new Date('2026-03-01T09:00:00.000Z');

  it('is one period later when reset on time', () => {
    const now = new Date('2026-03-01T09:00:05.000Z');
    expect(nextBudgetResetAt({ count: 1, unit: 'd' }, periodEnd, now).toISOString()).toBe(
      '2026-03-02T09:00:00.000Z',
    );
  });

  it('skips the periods missed while down, keeping the rhythm', () => {
    const now = new Date('2026-03-05T12:00:00.000Z');
    expect(nextBudgetResetAt({ count: 1, unit: 'd' }, periodEnd, now).toISOString()).toBe(
      '2026-03-06T09:00:00.000Z',
    );
    expect(nextBudgetResetAt({ count: 30, unit: 's' }, periodEnd, now).toISOString()).toBe(
      '2026-03-05T12:00:30.000Z',
    );
  });

  it('is strictly after now, also exactly on a boundary', () => {
    const now = new Date('2026-03-03T09:00:00.000Z');
    expect(nextBudgetResetAt({ count: 1, unit: 'd' }, periodEnd, now).toISOString()).toBe(
      '2026-03-04T09:00:00.000Z',
    );
  });

  it('counts months from the period end', () => {
    const end = new Date('2026-01-31T00:00:00.000Z');
    expect(
      nextBudgetResetAt({ count: 1, unit: 'mo' }, end, new Date('2026-01-31T00:00:01Z')).toISOString(),
    ).toBe('2026-02-28T00:00:00.000Z');
    expect(
      nextBudgetResetAt({ count: 1, unit: 'mo' }, end, new Date('2026-06-10T00:00:00Z')).toISOString(),
    ).toBe('2026-06-30T00:00:00.000Z');
    expect(
      nextBudgetResetAt({ count: 3, unit: 'mo' }, end, new Date('2026-05-01T00:00:00Z')).toISOString(),
    ).toBe('2026-07-31T00:00:00.000Z');
  });

  it('is one period after a period end still in the future', () => {
    const now = new Date('2026-02-01T00:00:00.000Z');
    expect(nextBudgetResetAt({ count: 1, unit: 'h' }, periodEnd, now).toISOString()).toBe(
      '2026-03-01T10:00:00.000Z',
    );
  });
});
