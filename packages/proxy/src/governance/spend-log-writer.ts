import type { NewSpendLog, Store } from '@switchyard/store';
import type { Logger } from '../logger.js';

export interface SpendLogWriterOptions {
  store: Store;
  logger: Logger;
  /** Flush at least this often, in ms (default 1,000). */
  intervalMs?: number;
  /** Flush as soon as this many logs wait (default 200). */
  batchSize?: number;
  /**
   * Most logs per store call (default 64). SQLite writes synchronously on the event loop: small
   * transactions, with a turn of the event loop between them, keep each pause short.
   */
  writeSize?: number;
  /**
   * Most logs kept while the store is failing (default 50,000). Beyond it new logs are dropped,
   * with an error logged: memory stays bounded however long the database is down.
   */
  maxQueued?: number;
}

export interface SpendLogWriter {
  /** Queues a log; never blocks, never throws. */
  add(log: NewSpendLog): void;
  /** Writes everything queued now (resolves when written or when the write failed). */
  flush(): Promise<void>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
  /** Logs waiting to be written. */
  readonly pending: number;
}

/**
 * Writes spend logs off the request path: queued in memory, written in batches through the store's
 * idempotent `recordSpendBatch` (so a batch retried after a failure counts nothing twice), one
 * batch at a time, in arrival order. A failed batch stays at the head of the queue and is retried
 * at the next flush.
 */
export function createSpendLogWriter(options: SpendLogWriterOptions): SpendLogWriter {
  const intervalMs = options.intervalMs ?? 1_000;
  const batchSize = options.batchSize ?? 200;
  const writeSize = options.writeSize ?? 64;
  const maxQueued = options.maxQueued ?? 50_000;
  let queue: NewSpendLog[] = [];
  let writing: Promise<void> | undefined;
  let failing = false;
  let dropped = 0;

  async function writeAll(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, writeSize);
      try {
        await options.store.recordSpendBatch(batch);
      } catch (error) {
        if (!failing) {
          failing = true;
          options.logger.error('spend logs: the store refused a batch; keeping it to retry', {
            error: error instanceof Error ? error.message : String(error),
            pending: queue.length,
          });
        }
        return;
      }
      queue = queue.slice(batch.length);
      if (failing) {
        failing = false;
        options.logger.info('spend logs: the store accepts batches again', { pending: queue.length });
      }
      // Let requests run between two writes.
      if (queue.length > 0) await new Promise((resolve) => setImmediate(resolve));
    }
  }

  function flush(): Promise<void> {
    writing ??= writeAll().finally(() => {
      writing = undefined;
    });
    return writing;
  }

  const timer = setInterval(() => {
    if (queue.length > 0) void flush();
  }, intervalMs);
  timer.unref();

  return {
    add(log) {
      if (queue.length >= maxQueued) {
        dropped += 1;
        // Once per thousand, not once per request.
        if (dropped % 1_000 === 1) {
          options.logger.error('spend logs: queue full while the store is failing; logs dropped', {
            dropped,
          });
        }
        return;
      }
      queue.push(log);
      if (queue.length >= batchSize && !writing) void flush();
    },
    flush: async () => {
      // A flush that is running may have started before the latest logs: run one more after it.
      if (writing) await writing;
      await flush();
    },
    async close() {
      clearInterval(timer);
      if (writing) await writing;
      await flush();
    },
    get pending() {
      return queue.length;
    },
  };
}
