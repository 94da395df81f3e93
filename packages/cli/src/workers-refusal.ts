import type { LoadedConfig } from '@switchyard/proxy';

/**
 * Why `--workers N` (N > 1) cannot serve this config, or undefined when it can. Each worker is its
 * own process: without Redis in `router_settings` the rate limits, budgets, cooldowns and the
 * response cache would be counted per worker (N times the configured limits), and the embedded
 * SQLite store is one file that several processes must not write at once, so the keys and spend
 * logs need PostgreSQL (`general_settings.database_url` or `DATABASE_URL`).
 */
export function workersRefusal(
  workers: number,
  config: LoadedConfig['config'],
  env: Record<string, string | undefined>,
): string | undefined {
  if (workers <= 1) return undefined;
  const router = config.router_settings ?? {};
  const reasons: string[] = [];
  if (!present(router.redis_url) && !present(router.redis_host)) {
    reasons.push(
      'no Redis is configured (router_settings.redis_url or redis_host): rate limits, budgets, cooldowns and the response cache would be kept per worker, so each worker would allow the full limits on its own',
    );
  }
  if (!present(config.general_settings?.database_url) && !present(env.DATABASE_URL)) {
    reasons.push(
      'no PostgreSQL is configured (general_settings.database_url or DATABASE_URL): the embedded SQLite store is a single file that several worker processes must not write at once',
    );
  }
  if (reasons.length === 0) return undefined;
  return `--workers ${workers} refused: ${reasons.join('; and ')}. Configure them, or run with --workers 1.`;
}

function present(value: unknown): boolean {
  return typeof value === 'string' ? value.trim() !== '' : value !== undefined && value !== null;
}
