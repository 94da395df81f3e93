/** Where the cache reports trouble (the proxy's logger fits). */
export interface CacheLogger {
  warn(message: string, fields?: Record<string, unknown>): void;
}
