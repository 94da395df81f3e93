import type { Redis } from 'ioredis';

/**
 * Resolves true once the client is connected, or false after `timeoutMs` (start-up then goes on:
 * limits answer per process until Redis connects, as when it goes away later). Never rejects.
 */
export function redisReady(redis: Redis, timeoutMs: number): Promise<boolean> {
  if (redis.status === 'ready') return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ready: boolean) => {
      clearTimeout(timer);
      redis.off('ready', onReady);
      resolve(ready);
    };
    const onReady = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    timer.unref();
    redis.once('ready', onReady);
  });
}
