import { litellmCallTypes } from '@switchyard/cache';
import { z } from 'zod';
import {
  booleanLike,
  looseSection,
  nonEmptyString,
  nonNegativeInteger,
  positiveInteger,
  positiveNumber,
} from './config-values.js';

const callTypeNames = Object.keys(litellmCallTypes);

function isRedisUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'redis:' || protocol === 'rediss:';
}

/**
 * `litellm_settings.cache_params`, with litellm's names. `type` is `local` or `redis` (litellm's
 * other backends are refused by name); `max_size_in_memory_bytes` is Switchyard's own.
 */
export const cacheParamsSchema = looseSection({
  type: z
    .enum(['local', 'redis'], {
      error:
        'Switchyard caches in memory ("local") or in Redis ("redis"); other litellm cache types are not supported',
    })
    .optional(),
  /** `default_off`: only requests with `cache: {"use-cache": true}` are cached. */
  mode: z.enum(['default_on', 'default_off'], { error: 'Must be "default_on" or "default_off"' }).optional(),
  host: nonEmptyString().optional(),
  port: positiveInteger().optional(),
  username: z.string().optional(),
  password: z.string().optional(),
  url: z.string().refine(isRedisUrl, { error: 'Must be a redis:// or rediss:// URL' }).optional(),
  db: nonNegativeInteger().optional(),
  ssl: booleanLike().optional(),
  namespace: nonEmptyString().optional(),
  /** Seconds. */
  ttl: positiveNumber().optional(),
  default_in_memory_ttl: positiveNumber().optional(),
  default_in_redis_ttl: positiveNumber().optional(),
  supported_call_types: z
    .array(z.enum(callTypeNames, { error: `Must be one of ${callTypeNames.join(', ')}` }))
    .optional(),
  /** Entries kept in memory. */
  max_size_in_memory: nonNegativeInteger().optional(),
  max_size_in_memory_bytes: positiveInteger().optional(),
  /** Largest answer cached, in KB (litellm's `max_size_per_item`). */
  max_size_per_item: positiveInteger().optional(),
  /** Seconds per Redis command. */
  socket_timeout: positiveNumber().optional(),
  socket_connect_timeout: positiveNumber().optional(),
});
