import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import {
  generateVirtualKey,
  scriptPacedStream,
  startSwitchyard,
  startUpstream,
  switchyardConfig,
} from './bench-setup.js';
import { runLoad } from './load.js';
import { rssBytes } from './proc-stats.js';

// `pnpm bench:soak`: BENCH_SOAK_REQUESTS (default 1,000,000) chat completions through Switchyard
// with a virtual key (spend logs written to SQLite), in BENCH_SOAK_WINDOWS windows at
// BENCH_SOAK_CONCURRENCY; reports each window's p99 and the server's RSS, and the drift between
// the first and the last window (the first window after a warm-up, so start-up allocation is not
// counted as growth).

const total = Number(process.env.BENCH_SOAK_REQUESTS ?? 1_000_000);
const windows = Math.max(2, Number(process.env.BENCH_SOAK_WINDOWS ?? 20));
const concurrency = Number(process.env.BENCH_SOAK_CONCURRENCY ?? 32);

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(tmpdir(), 'switchyard-soak-'));
  const upstream = await startUpstream(64, 20);
  const proxy = await startSwitchyard(
    dir,
    'soak',
    switchyardConfig(upstream.url, [`  database_path: ${path.join(dir, 'soak.db')}`], []),
  );
  const key = await generateVirtualKey(proxy.url);
  const perWindow = Math.ceil(total / windows);
  const rows: Array<{
    window: number;
    requests: number;
    'req/s': number;
    'p50 ms': number;
    'p99 ms': number;
    'rss MB': number;
    errors: number;
  }> = [];
  const load = {
    origin: proxy.url,
    path: '/v1/chat/completions',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ model: 'bench', messages: [{ role: 'user', content: 'Soak the gateway.' }] }),
    concurrency,
  };
  try {
    await runLoad({ ...load, requests: Math.min(perWindow, 5_000) });
    for (let window = 1; window <= windows; window += 1) {
      // The mock records every request: forget them so its memory does not disturb the run.
      await scriptPacedStream(upstream.url, 64, 20);
      const result = await runLoad({ ...load, requests: perWindow });
      // Settle, then read the server's RSS.
      await new Promise((resolve) => setTimeout(resolve, 500));
      const row = {
        window,
        requests: result.requests,
        'req/s': Math.round(result.throughput),
        'p50 ms': Number(result.latencyMs.p50.toFixed(3)),
        'p99 ms': Number(result.latencyMs.p99.toFixed(3)),
        'rss MB': Math.round((rssBytes(proxy.child.pid) / 1024 / 1024) * 10) / 10,
        errors: result.errors,
      };
      rows.push(row);
      console.log(JSON.stringify(row));
    }
  } finally {
    await proxy.stop();
    await upstream.stop();
    await rm(dir, { recursive: true, force: true });
  }
  const first = rows[0]!;
  const last = rows.at(-1)!;
  const drift = {
    requests: rows.reduce((sum, row) => sum + row.requests, 0),
    errors: rows.reduce((sum, row) => sum + row.errors, 0),
    rssStartMb: first['rss MB'],
    rssEndMb: last['rss MB'],
    rssDriftPercent: Number((((last['rss MB'] - first['rss MB']) / first['rss MB']) * 100).toFixed(1)),
    p99StartMs: first['p99 ms'],
    p99EndMs: last['p99 ms'],
    p99DriftPercent: Number((((last['p99 ms'] - first['p99 ms']) / first['p99 ms']) * 100).toFixed(1)),
    loadAverage: loadavg(),
  };
  console.table(rows);
  console.table([drift]);
  const met = drift.rssDriftPercent <= 10 && drift.p99DriftPercent <= 10;
  console.log(`soak target (RSS and p99 within 10% of the start): ${met ? 'met' : 'not met'}`);
  const out = path.resolve(process.env.INIT_CWD ?? process.cwd(), 'bench-results');
  await mkdir(out, { recursive: true });
  const file = path.join(out, 'soak.json');
  await writeFile(
    file,
    `${JSON.stringify({ date: new Date().toISOString(), node: process.version, concurrency, windows, rows, drift, met }, null, 2)}\n`,
  );
  console.log(`written ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
