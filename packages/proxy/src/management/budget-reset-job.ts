import type { BudgetResetResult, Store } from '@switchyard/store';
import type { Logger } from '../logger.js';

export interface BudgetResetJobOptions {
  store: Store;
  /** How often to look for budgets whose period ended, in ms (default 10 s). */
  intervalMs?: number;
  /** Told what was reset (to drop cached keys). */
  onReset?: (result: BudgetResetResult) => void;
  logger?: Logger;
  /** Timer functions (default: the global ones). */
  timers?: {
    setInterval: (run: () => void, ms: number) => unknown;
    clearInterval: (handle: unknown) => void;
  };
}

export interface BudgetResetJob {
  /** Runs one pass now (the scheduled passes call this); passes never overlap. */
  runOnce(): Promise<BudgetResetResult>;
  /** Stops the schedule and waits for a pass in progress. */
  stop(): Promise<void>;
}

const empty: BudgetResetResult = { keys: [], users: [], teams: [] };

/**
 * Resets, on schedule, the spend of keys, users and teams whose `budget_duration` period ended
 * (`Store.resetExpiredBudgets`, safe with several replicas). A failing pass is logged and the next
 * one tries again.
 */
export function startBudgetResetJob(options: BudgetResetJobOptions): BudgetResetJob {
  const timers = options.timers ?? {
    setInterval: (run: () => void, ms: number) => {
      const handle = setInterval(run, ms);
      handle.unref();
      return handle;
    },
    clearInterval: (handle: unknown) => clearInterval(handle as ReturnType<typeof setInterval>),
  };
  let running: Promise<BudgetResetResult> | null = null;

  async function pass(): Promise<BudgetResetResult> {
    try {
      const result = await options.store.resetExpiredBudgets();
      const count = result.keys.length + result.users.length + result.teams.length;
      if (count > 0) {
        options.logger?.info('budgets reset', {
          keys: result.keys.length,
          users: result.users.length,
          teams: result.teams.length,
        });
        options.onReset?.(result);
      }
      return result;
    } catch (error) {
      options.logger?.warn('budget reset failed; retrying on the next pass', {
        error: error instanceof Error ? `${error.name}: ${error.message}` : String(error),
      });
      return empty;
    }
  }

  function runOnce(): Promise<BudgetResetResult> {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  }

  const handle = timers.setInterval(() => void runOnce(), options.intervalMs ?? 10_000);
  return {
    runOnce,
    async stop() {
      timers.clearInterval(handle);
      await running;
    },
  };
}
