import type { Redis } from 'ioredis';

// A function, so TypeScript does not keep the status narrowed across awaits (it changes).
function ended(redis: Redis): boolean {
  return redis.status === 'end';
}

function bounded(promise: Promise<unknown>, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return Promise.race([
    promise.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
    }),
  ]).finally(() => clearTimeout(timer));
}

/**
 * Closes a Redis client cleanly: QUIT (replies still due arrive first), or, when Redis does not
 * answer within `timeoutMs` or is not connected, drops the connection. Resolves once the
 * connection is closed (waiting `timeoutMs` at most for it). Never throws.
 */
export async function closeRouterRedis(redis: Redis, timeoutMs = 1_000): Promise<void> {
  if (ended(redis)) return;
  const end = new Promise<void>((resolve) => redis.once('end', () => resolve()));
  if (redis.status === 'ready') await bounded(redis.quit(), timeoutMs);
  if (ended(redis)) return;
  // Between reconnection attempts there is no socket: disconnect() only cancels the next attempt
  // (ioredis then emits no 'end'). Otherwise it closes the socket and 'end' follows.
  const socketOpen = redis.status !== 'reconnecting';
  redis.disconnect();
  if (socketOpen && !ended(redis)) await bounded(end, timeoutMs);
}
