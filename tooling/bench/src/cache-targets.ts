import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { request } from 'undici';
import { cliBin, masterKey, type Target } from './bench-setup.js';
import { type Spawned, spawnServer } from './processes.js';

/** A proxy with the response cache on, and what it was given. */
export interface CachedProxy {
  name: string;
  target: Target;
  server: Spawned;
}

/** The config of the bench proxy with `litellm_settings.cache` on. */
function cachedConfig(upstreamUrl: string, cacheParams: string, databasePath: string): string {
  return [
    'model_list:',
    '  - model_name: bench',
    '    litellm_params:',
    '      model: openai/gpt-4o-mini',
    `      api_base: ${upstreamUrl}/v1`,
    '      api_key: sk-upstream',
    'litellm_settings:',
    '  cache: true',
    '  cache_params:',
    cacheParams,
    'general_settings:',
    `  master_key: ${masterKey}`,
    `  database_path: ${databasePath}`,
    '',
  ].join('\n');
}

/**
 * Proxies whose every benchmark request is a cache hit: one with the in-memory cache, and one with
 * Redis (`BENCH_REDIS_URL`, default the local one) under a namespace of this run's own. A target
 * whose second request is not a hit (e.g. no Redis there) is left out, with a note.
 */
export async function startCachedProxies(options: {
  dir: string;
  upstreamUrl: string;
  bodies: string[];
}): Promise<CachedProxy[]> {
  const redisUrl = process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379';
  const variants = [
    { name: 'switchyard cache hit', params: '    type: local' },
    {
      name: 'switchyard cache hit (redis)',
      params: `    type: redis\n    url: ${redisUrl}\n    namespace: bench-${randomUUID()}\n    ttl: 600`,
    },
  ];
  const started: CachedProxy[] = [];
  for (const variant of variants) {
    const slug = variant.name.replace(/\W+/g, '-');
    const file = path.join(options.dir, `${slug}.yaml`);
    await writeFile(
      file,
      cachedConfig(options.upstreamUrl, variant.params, path.join(options.dir, `${slug}.db`)),
    );
    const server = await spawnServer(
      [cliBin, '--config', file, '--port', '0'],
      /listening on (http:\/\/\S+)/,
    );
    const target: Target = {
      origin: server.url,
      model: 'bench',
      pacedModel: 'bench',
      key: masterKey,
      pid: server.child.pid,
    };
    if (await primed(target, options.bodies)) {
      started.push({ name: variant.name, target, server });
    } else {
      console.log(`${variant.name}: left out, a repeated request was not served from the cache`);
      await server.stop();
    }
  }
  return started;
}

/** Stores each body's answer, then checks that asking again is a hit. */
async function primed(target: Target, bodies: string[]): Promise<boolean> {
  for (const body of bodies) {
    for (const attempt of [1, 2]) {
      const response = await request(`${target.origin}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
        body,
      });
      await response.body.text();
      if (attempt === 2 && response.headers['x-litellm-cache-hit'] !== 'True') return false;
    }
  }
  return true;
}
