import { type MeasuredRun, median } from './interleave.js';
import type { OpenStreamsResult } from './open-streams.js';

export interface Timing {
  medianMs: number;
  runsMs: number[];
}

/** Results measured outside the load phases. */
export interface Summary {
  coldStart: Timing;
  importSwitchyard: Timing;
  importCore: Timing;
  dependencies: { count: number; thirdParty: string[]; workspace: string[] };
}

/** One of the targets: the number measured, the goal, and whether it is met. */
export interface TargetRow {
  target: string;
  measured: string;
  goal: string;
  met: 'yes' | 'no' | 'n/a';
}

type Phases = Record<string, Record<string, MeasuredRun[]>>;

const p50 = (runs: MeasuredRun[] | undefined) => median((runs ?? []).map((run) => run.latencyMs.p50));
const p99 = (runs: MeasuredRun[] | undefined) => median((runs ?? []).map((run) => run.latencyMs.p99));
const throughput = (runs: MeasuredRun[] | undefined) => median((runs ?? []).map((run) => run.throughput));
const firstChunk = (runs: MeasuredRun[] | undefined) =>
  median((runs ?? []).map((run) => run.firstChunkMs?.p50 ?? Number.NaN));

/** Server CPU per request (or per chunk), in µs, over all measured runs of a target. */
function cpuPer(runs: MeasuredRun[] | undefined, unit: 'request' | 'chunk'): number {
  if (!runs) return Number.NaN;
  const cpu = runs.reduce((sum, run) => sum + run.cpuSeconds, 0);
  const count = runs.reduce((sum, run) => sum + (unit === 'request' ? run.requests : (run.chunks ?? 0)), 0);
  return count > 0 ? (cpu / count) * 1e6 : Number.NaN;
}

const ms = (value: number) => (Number.isNaN(value) ? 'not measured' : `${value.toFixed(3)} ms`);
const ratio = (value: number) => (Number.isNaN(value) ? 'not measured' : `${value.toFixed(2)}x`);

function row(target: string, measured: string, goal: string, met: boolean | undefined): TargetRow {
  return { target, measured, goal, met: met === undefined ? 'n/a' : met ? 'yes' : 'no' };
}

/** The ratios of the issue, computed from one run's phases, and how they compare with the goals. */
export function evaluateTargets(
  phases: Phases,
  open: Record<string, OpenStreamsResult>,
  extra: Partial<Summary>,
) {
  const known = (...values: number[]) => values.every((value) => !Number.isNaN(value));
  const added = (phase: string, name: string, at: typeof p50) =>
    at(phases[phase]?.[name]) - at(phases[phase]?.direct);
  const t = phases.throughput ?? {};
  const throughputRatio = throughput(t.switchyard) / throughput(t.reference);
  const cpu = { reference: cpuPer(t.reference, 'request'), switchyard: cpuPer(t.switchyard, 'request') };
  const latency = {
    reference: { p50: added('latency', 'reference', p50), p99: added('latency', 'reference', p99) },
    switchyard: { p50: added('latency', 'switchyard', p50), p99: added('latency', 'switchyard', p99) },
  };
  const rate = {
    reference: { p50: added('rate', 'reference', p50), p99: added('rate', 'reference', p99) },
    switchyard: { p50: added('rate', 'switchyard', p50), p99: added('rate', 'switchyard', p99) },
  };
  const stream = {
    addedFirstChunkP50Ms: {
      reference: added('stream', 'reference', firstChunk),
      switchyard: added('stream', 'switchyard', firstChunk),
    },
    cpuPerChunkUs: {
      reference: cpuPer(phases.stream?.reference, 'chunk'),
      switchyard: cpuPer(phases.stream?.switchyard, 'chunk'),
    },
  };
  const w = phases.workers ?? {};
  const workers = {
    oneWorker: throughput(w['switchyard 1 worker']),
    twoWorkers: throughput(w['switchyard 2 workers']),
  };
  const cache = {
    localP50Ms: p50(phases.cache?.['switchyard cache hit']),
    redisP50Ms: p50(phases.cache?.['switchyard cache hit (redis)']),
    directP50Ms: p50(phases.cache?.direct),
  };
  const baseline = {
    throughput: throughput(t['switchyard baseline']),
    cpuPerRequestUs: cpuPer(t['switchyard baseline'], 'request'),
    addedP50C1Ms: added('latency', 'switchyard baseline', p50),
    cpuPerChunkUs: cpuPer(phases.stream?.['switchyard baseline'], 'chunk'),
  };
  const sw = open.switchyard;
  const targets: TargetRow[] = [
    row(
      'throughput switchyard/reference, c32',
      ratio(throughputRatio),
      '>= 0.80x',
      known(throughputRatio) ? throughputRatio >= 0.8 : undefined,
    ),
    row(
      'CPU per request switchyard/reference',
      known(cpu.switchyard, cpu.reference)
        ? `${ratio(cpu.switchyard / cpu.reference)} (${cpu.switchyard.toFixed(0)} vs ${cpu.reference.toFixed(0)} µs)`
        : 'not measured',
      '<= 1.3x',
      known(cpu.switchyard, cpu.reference) ? cpu.switchyard / cpu.reference <= 1.3 : undefined,
    ),
    row(
      'added p50 at c1, switchyard vs reference',
      `${ms(latency.switchyard.p50)} vs ${ms(latency.reference.p50)}`,
      '<= 1.2x reference',
      known(latency.switchyard.p50, latency.reference.p50)
        ? latency.switchyard.p50 <= 1.2 * latency.reference.p50
        : undefined,
    ),
    row(
      'added p99 at c1',
      ms(latency.switchyard.p99),
      '< 1.5 ms',
      known(latency.switchyard.p99) ? latency.switchyard.p99 < 1.5 : undefined,
    ),
    row(
      `added p50 / p99 at a fixed rate`,
      `${ms(rate.switchyard.p50)} / ${ms(rate.switchyard.p99)} (reference ${ms(rate.reference.p50)} / ${ms(rate.reference.p99)})`,
      'reported',
      undefined,
    ),
    row(
      'stream: added time to first chunk p50',
      ms(stream.addedFirstChunkP50Ms.switchyard),
      '< 1 ms',
      known(stream.addedFirstChunkP50Ms.switchyard) ? stream.addedFirstChunkP50Ms.switchyard < 1 : undefined,
    ),
    row(
      'stream: CPU per chunk switchyard/reference',
      known(stream.cpuPerChunkUs.switchyard, stream.cpuPerChunkUs.reference)
        ? `${ratio(stream.cpuPerChunkUs.switchyard / stream.cpuPerChunkUs.reference)} (${stream.cpuPerChunkUs.switchyard.toFixed(1)} vs ${stream.cpuPerChunkUs.reference.toFixed(1)} µs)`
        : 'not measured',
      '<= 1.5x',
      known(stream.cpuPerChunkUs.switchyard, stream.cpuPerChunkUs.reference)
        ? stream.cpuPerChunkUs.switchyard / stream.cpuPerChunkUs.reference <= 1.5
        : undefined,
    ),
    row(
      'open streams: dropped chunks, RSS growth',
      sw
        ? `${sw.droppedChunks} dropped (${sw.failedStreams} failed), +${sw.rssGrowthMb} MB for ${sw.streams}`
        : 'not measured',
      '0 dropped, < 150 MB for 1000',
      sw ? sw.droppedChunks === 0 && sw.failedStreams === 0 && sw.rssGrowthMb < 150 : undefined,
    ),
    row(
      'this build vs baseline: CPU per request; per chunk',
      known(baseline.cpuPerRequestUs)
        ? `${cpu.switchyard.toFixed(0)} vs ${baseline.cpuPerRequestUs.toFixed(0)} µs; ${stream.cpuPerChunkUs.switchyard.toFixed(1)} vs ${baseline.cpuPerChunkUs.toFixed(1)} µs`
        : 'no baseline (BENCH_BASELINE_CLI)',
      'reported',
      undefined,
    ),
    row(
      'cache hit p50 (local / redis)',
      `${ms(cache.localP50Ms)} / ${ms(cache.redisP50Ms)}`,
      'reported',
      undefined,
    ),
    row(
      'throughput 2 workers / 1 worker (Redis + PostgreSQL)',
      known(workers.oneWorker, workers.twoWorkers)
        ? `${ratio(workers.twoWorkers / workers.oneWorker)} (${workers.twoWorkers.toFixed(0)} vs ${workers.oneWorker.toFixed(0)} req/s)`
        : 'not measured',
      'reported',
      undefined,
    ),
    row(
      'cold start to first answer',
      extra.coldStart ? ms(extra.coldStart.medianMs) : 'not measured',
      '< 500 ms',
      extra.coldStart ? extra.coldStart.medianMs < 500 : undefined,
    ),
    row(
      "import('switchyard')",
      extra.importSwitchyard ? ms(extra.importSwitchyard.medianMs) : 'not measured',
      '< 100 ms',
      extra.importSwitchyard ? extra.importSwitchyard.medianMs < 100 : undefined,
    ),
    row(
      "import('@switchyard/core')",
      extra.importCore ? ms(extra.importCore.medianMs) : 'not measured',
      'reported',
      undefined,
    ),
    row(
      'runtime deps of @switchyard/core + @switchyard/openai',
      extra.dependencies
        ? `${extra.dependencies.count} (${extra.dependencies.thirdParty.join(', ')})`
        : 'not measured',
      '<= 3',
      extra.dependencies ? extra.dependencies.count <= 3 : undefined,
    ),
  ];
  return {
    baseline,
    throughputRatio,
    cpuPerRequestUs: cpu,
    addedLatencyC1Ms: latency,
    addedLatencyAtRateMs: rate,
    stream,
    openStreams: open,
    cache,
    workers,
    ...extra,
    targets,
  };
}
