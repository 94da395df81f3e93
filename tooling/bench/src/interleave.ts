import type { Target } from './bench-setup.js';
import { type LoadOptions, type LoadResult, runLoad } from './load.js';
import { cpuSeconds } from './proc-stats.js';

/** One measured run of one target, with the CPU its server process used for it. */
export interface MeasuredRun extends LoadResult {
  /** Server CPU seconds (user + system) for the run; NaN when unknown (no /proc, a cluster). */
  cpuSeconds: number;
}

export type LoadShape = Omit<LoadOptions, 'origin' | 'headers' | 'body'> & {
  /** The request body for a target (its model names differ). */
  body: (target: Target) => string;
};

/**
 * Runs `shape` against every target in turn, `rounds` times, interleaved A/B/C/A/B/C so that the
 * machine's noise falls on all of them alike; a first, smaller round per target warms up and is
 * not kept.
 */
export async function interleave(
  targets: Record<string, Target>,
  shape: LoadShape,
  rounds: number,
  beforeRun?: () => Promise<void>,
): Promise<Record<string, MeasuredRun[]>> {
  const runs: Record<string, MeasuredRun[]> = {};
  for (let round = 0; round <= rounds; round += 1) {
    for (const [name, target] of Object.entries(targets)) {
      await beforeRun?.();
      const warmUp = round === 0;
      const before = cpuSeconds(target.pid);
      const { body, ...rest } = shape;
      const result = await runLoad({
        ...rest,
        requests: warmUp ? Math.max(1, Math.ceil(shape.requests / 4)) : shape.requests,
        origin: target.origin,
        headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
        body: body(target),
      });
      const cpu = cpuSeconds(target.pid) - before;
      if (warmUp) continue;
      runs[name] ??= [];
      runs[name].push({ ...result, cpuSeconds: cpu });
    }
  }
  return runs;
}

export function median(values: number[]): number {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.floor(sorted.length / 2)]!;
}
