import { CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from '@switchyard/core';
import type { Redis } from 'ioredis';
import type { BackendEntry, CacheBackend } from './cache-backend.js';
import type { CacheLogger } from './cache-logger.js';

export interface RedisBackendOptions {
  /** The ioredis client (see `createRedisClient` for one set up for the request path). */
  client: Redis;
  /** Quit the client on `close()`: true when the backend's creator made the client for it. */
  ownsClient?: boolean;
  /** Longest wait for one read or write, in ms. Default 500. */
  timeoutMs?: number;
  /** The circuit opened after consecutive failures (default 3), retried after `resetAfterMs` (default 5 s). */
  circuit?: Pick<CircuitBreakerOptions, 'failureThreshold' | 'resetAfterMs'>;
  /** Told once when Redis becomes unavailable and once when it is back (one warning per circuit change). */
  logger?: CacheLogger;
  /** Injected clock (ms), for the circuit. */
  now?: () => number;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * The shared backend: entries in Redis, seen by every replica. Redis trouble is contained: each
 * command has a time limit, a circuit breaker stops calling a Redis that keeps failing, and a
 * failed read is a miss and a failed write is dropped (fail-open), so requests go upstream.
 */
export class RedisBackend implements CacheBackend {
  readonly type = 'redis';
  private readonly client: Redis;
  private readonly breaker: CircuitBreaker;
  private readonly timeoutMs: number;
  private lastError: string | undefined;

  constructor(private readonly options: RedisBackendOptions) {
    this.client = options.client;
    this.timeoutMs = options.timeoutMs ?? 500;
    const breakerOptions: CircuitBreakerOptions = {
      ...options.circuit,
      onStateChange: (state, previous) => this.announce(state, previous),
    };
    if (options.now) breakerOptions.now = options.now;
    this.breaker = new CircuitBreaker(breakerOptions);
    // Without a listener ioredis reports every connection error as unhandled; the circuit reports instead.
    this.client.on('error', (error: unknown) => {
      this.lastError = describe(error);
    });
  }

  /** The circuit's state: `open` while Redis is being skipped. */
  get circuit(): CircuitState {
    return this.breaker.state;
  }

  async getMany(keys: ReadonlyArray<string>): Promise<Array<string | undefined>> {
    if (keys.length === 0) return [];
    const missing = () => keys.map(() => undefined);
    const values = await this.breaker.run<Array<string | null | undefined>>(
      () => this.client.mget(...keys),
      (error) => this.failed(error, missing()),
      this.timeoutMs,
    );
    return values.map((value) => value ?? undefined);
  }

  async setMany(entries: ReadonlyArray<BackendEntry>): Promise<void> {
    if (entries.length === 0) return;
    await this.breaker.run(
      async () => {
        const pipeline = this.client.pipeline();
        for (const entry of entries) {
          if (entry.ttlMs === undefined) pipeline.set(entry.key, entry.value);
          else pipeline.set(entry.key, entry.value, 'PX', Math.max(1, Math.round(entry.ttlMs)));
        }
        const results = (await pipeline.exec()) ?? [];
        const failure = results.find(([error]) => error);
        if (failure) throw failure[0];
      },
      (error) => this.failed(error, undefined),
      this.timeoutMs,
    );
  }

  async deleteMany(keys: ReadonlyArray<string>): Promise<void> {
    if (keys.length === 0) return;
    await this.breaker.run(
      async () => {
        await this.client.del(...keys);
      },
      (error) => this.failed(error, undefined),
      this.timeoutMs,
    );
  }

  ready(timeoutMs = 2_000): Promise<void> {
    if (this.client.status === 'ready') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.client.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, timeoutMs);
      timer.unref?.();
      this.client.once('ready', done);
    });
  }

  async close(): Promise<void> {
    if (!this.options.ownsClient) return;
    if (this.client.status === 'ready') {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const limit = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.timeoutMs);
      });
      await Promise.race([this.client.quit().catch(() => undefined), limit]);
      clearTimeout(timer);
    }
    this.client.disconnect();
  }

  private failed<T>(error: unknown, fallback: T): T {
    if (error !== undefined) this.lastError = describe(error);
    return fallback;
  }

  /** Warns when Redis goes away and when it is back; failed probes in between stay quiet. */
  private announce(state: CircuitState, previous: CircuitState): void {
    if (state === 'open' && previous === 'closed') {
      this.options.logger?.warn(
        'response cache: Redis unavailable, serving without the cache until it is back',
        this.lastError ? { reason: this.lastError } : undefined,
      );
    } else if (state === 'closed' && previous !== 'closed') {
      this.options.logger?.warn('response cache: Redis is back, caching resumed');
    }
  }
}
