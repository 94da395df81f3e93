import type { BudgetResetResult, Store } from '@switchyard/store';
import type { Logger } from '../logger.js';

export interface BudgetResetterOptions {
  store: Store;
  logger: Logger;
  /** How often budgets are checked, in ms (default 10 s): a `30s` budget resets within that much of its time. */
  intervalMs?: number;
  /** Told what was reset, so cached keys see their new budget period at once. */
  onReset?: (result: BudgetResetResult) => void;
}

export interface BudgetResetter {
  /** Resets what is due now (also run by the timer). */
  run(): Promise<BudgetResetResult | undefined>;
  close(): Promise<void>;
}

/**
 * Resets the spend of keys, users and teams whose `budget_duration` elapsed, on a timer. Every
 * replica runs it; the store resets each period once however many replicas ask.
 */
export function createBudgetResetter(options: BudgetResetterOptions): BudgetResetter {
  let running: Promise<BudgetResetResult | undefined> | undefined;
  let failing = false;

  async function reset(): Promise<BudgetResetResult | undefined> {
    try {
      const result = await options.store.resetExpiredBudgets();
      if (failing) options.logger.info('budgets: resets work again');
      failing = false;
      const count = result.keys.length + result.users.length + result.teams.length;
      if (count > 0) {
        options.logger.debug('budgets: reset', {
          keys: result.keys.length,
          users: result.users.length,
          teams: result.teams.length,
        });
        options.onReset?.(result);
      }
      return result;
    } catch (error) {
      if (!failing) {
        options.logger.error('budgets: could not reset expired budgets; retrying', {
          error: error instanceof Error ? error.message : String(error),
        });
      }
      failing = true;
      return undefined;
    }
  }

  function run(): Promise<BudgetResetResult | undefined> {
    running ??= reset().finally(() => {
      running = undefined;
    });
    return running;
  }

  const timer = setInterval(() => void run(), options.intervalMs ?? 10_000);
  timer.unref();
  return {
    run,
    async close() {
      clearInterval(timer);
      await running;
    },
  };
}
