/** What `pnpm bench` measures and how much, from `BENCH_*` environment variables. */
export interface BenchSettings {
  /** Measured rounds per phase (each target once per round, interleaved), after one warm-up round. */
  rounds: number;
  /** Phases to run (`BENCH_PHASES=throughput,latency,...`; default all). */
  phases: Set<string>;
  throughputConcurrency: number;
  throughputRequests: number;
  latencyRequests: number;
  rate: number;
  rateRequests: number;
  streamChunks: number;
  chunkDelayMs: number;
  streamConcurrency: number;
  streamRequests: number;
  openStreams: number;
  cacheRequests: number;
  startupRuns: number;
  redisUrl: string;
  databaseUrl: string;
  /**
   * Another build's `bin/switchyard.js` (`BENCH_BASELINE_CLI`, e.g. a worktree of main), measured
   * as "switchyard baseline" next to this one in the load phases: a before/after in one run.
   */
  baselineCli?: string;
}

export const allPhases = [
  'throughput',
  'latency',
  'rate',
  'stream',
  'open-streams',
  'cache',
  'workers',
  'startup',
] as const;

function number(env: Record<string, string | undefined>, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number (got "${raw}")`);
  return value;
}

export function benchSettings(env: Record<string, string | undefined> = process.env): BenchSettings {
  const phases = new Set(
    (env.BENCH_PHASES ?? allPhases.join(','))
      .split(',')
      .map((phase) => phase.trim())
      .filter(Boolean),
  );
  for (const phase of phases) {
    if (!(allPhases as readonly string[]).includes(phase)) {
      throw new Error(`BENCH_PHASES: unknown phase "${phase}" (phases: ${allPhases.join(', ')})`);
    }
  }
  return {
    rounds: Math.max(1, number(env, 'BENCH_ROUNDS', 3)),
    phases,
    throughputConcurrency: number(env, 'BENCH_CONCURRENCY', 32),
    throughputRequests: number(env, 'BENCH_REQUESTS', 4000),
    latencyRequests: number(env, 'BENCH_LATENCY_REQUESTS', 1000),
    rate: number(env, 'BENCH_RATE', 500),
    rateRequests: number(env, 'BENCH_RATE_REQUESTS', 2500),
    streamChunks: number(env, 'BENCH_STREAM_CHUNKS', 64),
    chunkDelayMs: number(env, 'BENCH_CHUNK_DELAY_MS', 20),
    streamConcurrency: number(env, 'BENCH_STREAM_CONCURRENCY', 32),
    streamRequests: number(env, 'BENCH_STREAM_REQUESTS', 96),
    openStreams: number(env, 'BENCH_OPEN_STREAMS', 1000),
    cacheRequests: number(env, 'BENCH_CACHE_REQUESTS', 1000),
    startupRuns: number(env, 'BENCH_STARTUP_RUNS', 5),
    redisUrl: env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379',
    databaseUrl: env.BENCH_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test',
    ...(env.BENCH_BASELINE_CLI ? { baselineCli: env.BENCH_BASELINE_CLI } : {}),
  };
}
