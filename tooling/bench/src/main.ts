import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { mockUpstreamCliPath } from '@switchyard-tooling/mock-upstream';
import { type CachedProxy, startCachedProxies, type Target } from './cache-targets.js';
import { type LoadResult, runLoad } from './load.js';
import { spawnServer } from './processes.js';

// Compares the Switchyard proxy with calling the mock upstream directly, interleaved A/B/A/B in one
// run so machine noise hits both alike, and measures answers served from the response cache (in
// memory and in Redis). Servers run as child processes; this process only drives load.
const requireFromHere = createRequire(import.meta.url);
const cliBin = path.join(
  path.dirname(requireFromHere.resolve('@switchyard/cli/package.json')),
  'bin/switchyard.js',
);
const masterKey = 'sk-bench-master-key';
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const requests = Number(process.env.BENCH_REQUESTS ?? 3000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 16);

const prompt = 'Benchmark the gateway with a short prompt of a few words.';

/** The APIs measured: chat (translated to the canonical format and back) and the Responses API (passed through). */
const chatBody = (model: string, stream: boolean) =>
  JSON.stringify({ model, stream, messages: [{ role: 'user', content: prompt }] });

const apis = [
  { name: '', path: '/v1/chat/completions', body: chatBody, cached: true },
  {
    name: 'responses ',
    path: '/v1/responses',
    body: (model: string, stream: boolean) => JSON.stringify({ model, stream, input: prompt, store: false }),
    cached: false,
  },
];

async function main(): Promise<void> {
  const upstream = await spawnServer([mockUpstreamCliPath, '--port', '0'], /(http:\/\/\S+)/);
  const dir = await mkdtemp(path.join(tmpdir(), 'switchyard-bench-'));
  const config = path.join(dir, 'config.yaml');
  await writeFile(
    config,
    `model_list:\n  - model_name: bench\n    litellm_params:\n      model: openai/gpt-4o-mini\n      api_base: ${upstream.url}/v1\n      api_key: sk-upstream\ngeneral_settings:\n  master_key: ${masterKey}\n`,
  );
  const proxy = await spawnServer([cliBin, '--config', config, '--port', '0'], /listening on (http:\/\/\S+)/);
  const cached: CachedProxy[] = await startCachedProxies({
    cliBin,
    dir,
    upstreamUrl: upstream.url,
    masterKey,
    bodies: [chatBody('bench', false), chatBody('bench', true)],
  });
  const targets: Record<string, Target> = {
    direct: { origin: upstream.url, model: 'gpt-4o-mini', key: 'sk-upstream' },
    switchyard: { origin: proxy.url, model: 'bench', key: masterKey },
  };
  // The cache serves chat, not the Responses API: its proxies are measured on chat only.
  const cachedTargets: Record<string, Target> = Object.fromEntries(
    cached.map((entry) => [entry.name, entry.target]),
  );
  const results: Record<string, LoadResult[]> = {};
  try {
    for (const api of apis) {
      for (const stream of [false, true]) {
        for (let round = 0; round <= rounds; round += 1) {
          const measured = api.cached ? { ...targets, ...cachedTargets } : targets;
          for (const [name, target] of Object.entries(measured)) {
            const result = await runLoad({
              origin: target.origin,
              path: api.path,
              headers: { authorization: `Bearer ${target.key}`, 'content-type': 'application/json' },
              body: api.body(target.model, stream),
              requests: round === 0 ? 500 : requests,
              concurrency,
              firstByte: stream,
            });
            if (round === 0) continue; // warm-up
            const key = `${name} ${api.name}${stream ? 'stream' : ''}`.trim();
            results[key] ??= [];
            results[key].push(result);
          }
        }
      }
    }
  } finally {
    await proxy.stop();
    for (const entry of cached) await entry.server.stop();
    await upstream.stop();
  }
  await report(results);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

async function report(results: Record<string, LoadResult[]>): Promise<void> {
  const rows = Object.entries(results).map(([name, runs]) => ({
    target: name,
    'req/s': Math.round(median(runs.map((run) => run.throughput))),
    'p50 ms': median(runs.map((run) => run.latencyMs.p50)).toFixed(3),
    'p99 ms': median(runs.map((run) => run.latencyMs.p99)).toFixed(3),
    'first byte p50 ms': runs[0]?.firstByteMs
      ? median(runs.map((run) => run.firstByteMs!.p50)).toFixed(3)
      : '',
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
  }));
  console.log(`concurrency ${concurrency}, ${requests} requests x ${rounds} rounds per target (medians)`);
  console.table(rows);
  const ratio = (a: string, b: string) =>
    (median(results[a]!.map((r) => r.throughput)) / median(results[b]!.map((r) => r.throughput))).toFixed(3);
  const added = (a: string, b: string) =>
    (
      median(results[a]!.map((r) => r.latencyMs.p50)) - median(results[b]!.map((r) => r.latencyMs.p50))
    ).toFixed(3);
  const p50 = (name: string) =>
    results[name] ? median(results[name].map((run) => run.latencyMs.p50)).toFixed(3) : 'not measured';
  const summary = {
    throughputRatio: ratio('switchyard', 'direct'),
    streamThroughputRatio: ratio('switchyard stream', 'direct stream'),
    addedP50Ms: added('switchyard', 'direct'),
    addedStreamP50Ms: added('switchyard stream', 'direct stream'),
    responsesThroughputRatio: ratio('switchyard responses', 'direct responses'),
    responsesStreamThroughputRatio: ratio('switchyard responses stream', 'direct responses stream'),
    responsesAddedP50Ms: added('switchyard responses', 'direct responses'),
    responsesAddedStreamP50Ms: added('switchyard responses stream', 'direct responses stream'),
    cacheHitP50Ms: p50('switchyard cache hit'),
    cacheHitStreamP50Ms: p50('switchyard cache hit stream'),
    cacheHitRedisP50Ms: p50('switchyard cache hit (redis)'),
    cacheHitRedisStreamP50Ms: p50('switchyard cache hit (redis) stream'),
  };
  console.log(summary);
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), 'bench-results');
  await mkdir(out, { recursive: true });
  await writeFile(
    path.join(out, 'latest.json'),
    JSON.stringify(
      { date: new Date().toISOString(), node: process.version, concurrency, requests, rounds, rows, summary },
      null,
      2,
    ),
  );
  console.log(`written ${path.join(out, 'latest.json')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
