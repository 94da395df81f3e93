import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import {
  generateVirtualKey,
  masterKey,
  pacedModel,
  scriptPacedStream,
  startReference,
  startSwitchyard,
  startUpstream,
  switchyardConfig,
  type Target,
} from './bench-setup.js';
import { type CachedProxy, startCachedProxies } from './cache-targets.js';
import { interleave, type MeasuredRun, median } from './interleave.js';
import { type OpenStreamsResult, openStreams } from './open-streams.js';
import type { Spawned } from './processes.js';
import { benchSettings } from './settings.js';
import { coldStartMs, importMs, runtimeDependencies } from './startup.js';
import { evaluateTargets, type Summary } from './summary.js';

// The benchmark of issue 8: the mock upstream called directly, a minimal reference proxy and the
// Switchyard proxy (realistic config, a virtual key, spend logs), measured interleaved in one run so
// the machine's noise cancels out in the ratios. Servers are child processes; this one drives load.

const settings = benchSettings();
const prompt = 'Benchmark the gateway with a short prompt of a few words.';
const chat = (model: string, stream: boolean) =>
  JSON.stringify({ model, stream, messages: [{ role: 'user', content: prompt }] });

async function main(): Promise<void> {
  const loadBefore = loadavg();
  const dir = await mkdtemp(path.join(tmpdir(), 'switchyard-bench-'));
  const servers: Spawned[] = [];
  const phases: Record<string, Record<string, MeasuredRun[]>> = {};
  const extra: Partial<Summary> = {};
  const openStreamResults: Record<string, OpenStreamsResult> = {};
  const schemas: string[] = [];
  try {
    const upstream = await startUpstream(settings.streamChunks, settings.chunkDelayMs);
    servers.push(upstream);
    const reference = await startReference(upstream.url);
    servers.push(reference);
    const switchyardYaml = switchyardConfig(
      upstream.url,
      [`  database_path: ${path.join(dir, 'switchyard.db')}`],
      [],
    );
    const switchyard = await startSwitchyard(dir, 'switchyard', switchyardYaml);
    servers.push(switchyard);
    const virtualKey = await generateVirtualKey(switchyard.url);
    const direct: Target = {
      origin: upstream.url,
      model: 'gpt-4o-mini',
      pacedModel,
      key: 'sk-upstream',
      pid: upstream.child.pid,
    };
    const core: Record<string, Target> = {
      direct,
      reference: { ...direct, origin: reference.url, pid: reference.child.pid },
      switchyard: {
        origin: switchyard.url,
        model: 'bench',
        pacedModel: 'bench-stream',
        key: virtualKey,
        pid: switchyard.child.pid,
      },
    };
    if (settings.baselineCli) {
      const baseline = await startSwitchyard(
        dir,
        'baseline',
        switchyardConfig(upstream.url, [`  database_path: ${path.join(dir, 'baseline.db')}`], []),
        [],
        settings.baselineCli,
      );
      servers.push(baseline);
      core['switchyard baseline'] = {
        ...core.switchyard!,
        origin: baseline.url,
        key: await generateVirtualKey(baseline.url),
        pid: baseline.child.pid,
      };
    }
    // The mock keeps every request it gets: forget them between runs so its memory stays flat.
    const resetUpstream = () => scriptPacedStream(upstream.url, settings.streamChunks, settings.chunkDelayMs);
    const path_ = '/v1/chat/completions';
    const plain = (target: Target) => chat(target.model, false);
    const paced = (target: Target) => chat(target.pacedModel, true);
    const run = async (
      phase: string,
      targets: Record<string, Target>,
      shape: Parameters<typeof interleave>[1],
    ) => {
      if (!settings.phases.has(phase)) return;
      console.log(`${phase}: ${Object.keys(targets).join(', ')}`);
      phases[phase] = await interleave(targets, shape, settings.rounds, resetUpstream);
    };

    await run('throughput', core, {
      path: path_,
      body: plain,
      requests: settings.throughputRequests,
      concurrency: settings.throughputConcurrency,
    });
    await run('latency', core, {
      path: path_,
      body: plain,
      requests: settings.latencyRequests,
      concurrency: 1,
    });
    await run('rate', core, {
      path: path_,
      body: plain,
      requests: settings.rateRequests,
      concurrency: 64,
      ratePerSecond: settings.rate,
    });
    await run('stream', core, {
      path: path_,
      body: paced,
      requests: settings.streamRequests,
      concurrency: settings.streamConcurrency,
      stream: true,
    });
    if (settings.phases.has('open-streams')) {
      console.log(`open-streams: ${settings.openStreams} at once, reference and switchyard`);
      for (const name of ['reference', 'switchyard'] as const) {
        await resetUpstream();
        const target = core[name]!;
        if (!target) continue;
        openStreamResults[name] = await openStreams({
          origin: target.origin,
          path: path_,
          headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
          body: paced(target),
          streams: settings.openStreams,
          pid: target.pid,
        });
      }
    }
    if (settings.phases.has('cache')) {
      const cached: CachedProxy[] = await startCachedProxies({
        dir,
        upstreamUrl: upstream.url,
        bodies: [chat('bench', false)],
      });
      servers.push(...cached.map((entry) => entry.server));
      await run(
        'cache',
        { direct, ...Object.fromEntries(cached.map((entry) => [entry.name, entry.target])) },
        { path: path_, body: plain, requests: settings.cacheRequests, concurrency: 1 },
      );
    }
    if (settings.phases.has('workers')) {
      // Several workers need Redis and PostgreSQL; both counts run on the same config.
      const schema = `bench_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      const shared = switchyardConfig(
        upstream.url,
        [`  database_url: ${settings.databaseUrl}?schema=${schema}`],
        [`  redis_url: ${settings.redisUrl}`],
      );
      const workerTargets: Record<string, Target> = {};
      for (const workers of [1, 2]) {
        const server = await startSwitchyard(dir, `workers-${workers}`, shared, [
          '--workers',
          String(workers),
        ]);
        servers.push(server);
        const key = await generateVirtualKey(server.url);
        // The cluster's CPU is spread over its workers: only the single process's is read.
        workerTargets[`switchyard ${workers} worker${workers > 1 ? 's' : ''}`] = {
          ...core.switchyard!,
          origin: server.url,
          key,
          pid: workers === 1 ? server.child.pid : undefined,
        };
      }
      await run('workers', workerTargets, {
        path: path_,
        body: plain,
        requests: settings.throughputRequests,
        concurrency: settings.throughputConcurrency,
      });
    }
    if (settings.phases.has('startup')) {
      console.log('startup: cold start, import time, dependencies');
      const configFile = path.join(dir, 'cold.yaml');
      await writeFile(
        configFile,
        switchyardConfig(upstream.url, [`  database_path: ${path.join(dir, 'cold.db')}`], []),
      );
      extra.coldStart = await coldStartMs(configFile, 'bench', masterKey, settings.startupRuns);
      extra.importSwitchyard = await importMs('switchyard', settings.startupRuns);
      extra.importCore = await importMs('@switchyard/core', settings.startupRuns);
      extra.dependencies = runtimeDependencies(['@switchyard/core', '@switchyard/openai']);
    }
  } finally {
    for (const server of servers.reverse()) await server.stop();
    await rm(dir, { recursive: true, force: true });
    await dropSchemas(schemas);
  }
  await report(phases, openStreamResults, extra, loadBefore);
}

/** Drops the PostgreSQL schemas the workers phase created. */
async function dropSchemas(schemas: string[]): Promise<void> {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: settings.databaseUrl });
  try {
    await client.connect();
    for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  } catch (error) {
    console.log(
      `could not drop ${schemas.join(', ')}: ${error instanceof Error ? error.message : String(error)}`,
    );
  } finally {
    await client.end().catch(() => {});
  }
}

const fixed = (value: number, digits = 3) => (Number.isNaN(value) ? '' : value.toFixed(digits));

async function report(
  phases: Record<string, Record<string, MeasuredRun[]>>,
  open: Record<string, OpenStreamsResult>,
  extra: Partial<Summary>,
  loadBefore: number[],
): Promise<void> {
  const rows = Object.entries(phases).flatMap(([phase, targets]) =>
    Object.entries(targets).map(([target, runs]) => {
      const requests = runs.reduce((sum, each) => sum + each.requests, 0);
      const chunks = runs.reduce((sum, each) => sum + (each.chunks ?? 0), 0);
      const cpu = runs.reduce((sum, each) => sum + each.cpuSeconds, 0);
      return {
        phase,
        target,
        'req/s': Math.round(median(runs.map((each) => each.throughput))),
        'p50 ms': fixed(median(runs.map((each) => each.latencyMs.p50))),
        'p99 ms': fixed(median(runs.map((each) => each.latencyMs.p99))),
        'first chunk p50 ms': fixed(median(runs.map((each) => each.firstChunkMs?.p50 ?? Number.NaN))),
        'cpu µs/req': fixed((cpu / requests) * 1e6, 0),
        'cpu µs/chunk': chunks > 0 ? fixed((cpu / chunks) * 1e6, 1) : '',
        errors: runs.reduce((sum, each) => sum + each.errors, 0),
      };
    }),
  );
  const loadAfter = loadavg();
  console.log(
    `\n${settings.rounds} interleaved rounds per phase (medians); load average before ${loadBefore.map((n) => n.toFixed(2)).join(' ')}, after ${loadAfter.map((n) => n.toFixed(2)).join(' ')}`,
  );
  console.table(rows);
  if (Object.keys(open).length > 0) console.table(open);
  const summary = evaluateTargets(phases, open, extra);
  console.table(summary.targets);
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), 'bench-results');
  await mkdir(out, { recursive: true });
  const file = path.join(out, 'latest.json');
  await writeFile(
    file,
    `${JSON.stringify(
      {
        date: new Date().toISOString(),
        node: process.version,
        loadAverage: { before: loadBefore, after: loadAfter },
        settings: { ...settings, phases: [...settings.phases] },
        rows,
        openStreams: open,
        summary,
        runs: phases,
      },
      null,
      2,
    )}\n`,
  );
  console.log(`written ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
