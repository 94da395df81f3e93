import { createStore, hashKey, type Store } from '@switchyard/store';
import { afterEach, describe, expect, it } from 'vitest';
import { startBudgetResetJob } from './budget-reset-job.js';

describe('startBudgetResetJob', () => {
  let store: Store | undefined;
  afterEach(() => store?.close());

  it('resets budgets whose period ended, on its schedule, and reports what it reset', async () => {
    let now = new Date('2026-03-01T09:00:00.000Z');
    store = await createStore({ sqlitePath: ':memory:', now: () => now });
    const token = hashKey('sk-budget-reset-test');
    await store.createKey({ token, max_budget: 1, budget_duration: '1h', spend: 0.75 });
    await store.createUser({ user_id: 'u', max_budget: 5, budget_duration: '1d', spend: 2 });
    const ticks: Array<() => void> = [];
    const resets: unknown[] = [];
    const job = startBudgetResetJob({
      store,
      intervalMs: 1_000,
      onReset: (result) => resets.push(result),
      timers: {
        setInterval: (run, ms) => {
          expect(ms).toBe(1_000);
          ticks.push(run);
          return 1;
        },
        clearInterval: () => {},
      },
    });
    expect(await job.runOnce()).toEqual({ keys: [], users: [], teams: [] });
    expect(resets).toEqual([]);
    now = new Date('2026-03-01T10:00:01.000Z');
    ticks[0]?.();
    await job.runOnce();
    expect(resets).toEqual([{ keys: [token], users: [], teams: [] }]);
    expect((await store.getKey(token))?.spend).toBe(0);
    expect((await store.getUser('u'))?.spend).toBe(2);
    await job.stop();
  });

  it('logs a failing pass and keeps going', async () => {
    const warnings: string[] = [];
    const failing = {
      resetExpiredBudgets: () => Promise.reject(new Error('database down')),
    } as unknown as Store;
    const job = startBudgetResetJob({
      store: failing,
      logger: {
        debug() {},
        info() {},
        error() {},
        warn: (message, fields) => warnings.push(`${message} ${JSON.stringify(fields)}`),
      },
      timers: { setInterval: () => 1, clearInterval: () => {} },
    });
    expect(await job.runOnce()).toEqual({ keys: [], users: [], teams: [] });
    expect(warnings[0]).toContain('database down');
    await job.stop();
  });
});
