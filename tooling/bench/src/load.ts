import { Pool } from 'undici';

export interface LoadOptions {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  requests: number;
  /** Closed loop: this many requests in flight, each sent as soon as the previous one ended. */
  concurrency: number;
  /**
   * Open loop instead: start a request every 1/rate seconds whatever the answers do (latency is
   * measured from when a request was due, so a stalled server is not hidden). `concurrency` is then
   * the number of connections.
   */
  ratePerSecond?: number;
  /** Count server-sent event frames (`data:` lines other than `[DONE]`) in each answer. */
  stream?: boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  throughput: number;
  latencyMs: { p50: number; p99: number; mean: number };
  /** Time to the first body bytes (streams). */
  firstChunkMs?: { p50: number; p99: number };
  /** Event frames received, over all answers (streams). */
  chunks?: number;
  /** Fewest frames any one answer had (streams). */
  fewestChunks?: number;
  errors: number;
}

/** The `p`th percentile of ascending `sorted` (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Counts `data:` frames other than `[DONE]` in a server-sent events text. */
export function countEventFrames(text: string): number {
  let count = 0;
  for (const line of text.split('\n')) {
    if (line.startsWith('data:') && line.slice(5).trim() !== '[DONE]') count += 1;
  }
  return count;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Drives `options.requests` requests at one target over a keep-alive pool without pipelining,
 * in a closed loop (fixed concurrency) or an open loop (fixed rate), and returns latency percentiles.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, {
    connections: options.concurrency,
    pipelining: 1,
    connect: { noDelay: true },
    keepAliveTimeout: 60_000,
  });
  const latencies: number[] = [];
  const firstChunks: number[] = [];
  let chunks = 0;
  let fewest = Number.POSITIVE_INFINITY;
  let errors = 0;
  const one = async (due: bigint) => {
    // Open loop: from when the request was due, or when it left if the timer fired early.
    const sentAt = process.hrtime.bigint();
    const from = sentAt < due ? sentAt : due;
    try {
      const response = await pool.request({
        path: options.path,
        method: 'POST',
        headers: options.headers,
        body: options.body,
      });
      let first = true;
      let text = '';
      for await (const chunk of response.body) {
        if (first && options.stream) firstChunks.push(Number(process.hrtime.bigint() - from) / 1e6);
        first = false;
        if (options.stream) text += (chunk as Buffer).toString('utf8');
      }
      if (response.statusCode !== 200) errors += 1;
      if (options.stream) {
        const frames = countEventFrames(text);
        chunks += frames;
        fewest = Math.min(fewest, frames);
      }
    } catch {
      errors += 1;
    }
    latencies.push(Number(process.hrtime.bigint() - from) / 1e6);
  };
  const began = process.hrtime.bigint();
  if (options.ratePerSecond) {
    const interval = 1e9 / options.ratePerSecond;
    const pending: Array<Promise<void>> = [];
    for (let index = 0; index < options.requests; index += 1) {
      const due = began + BigInt(Math.round(index * interval));
      const wait = Number(due - process.hrtime.bigint()) / 1e6;
      if (wait > 1) await sleep(wait);
      pending.push(one(due));
    }
    await Promise.all(pending);
  } else {
    let sent = 0;
    const worker = async () => {
      while (sent < options.requests) {
        sent += 1;
        await one(process.hrtime.bigint());
      }
    };
    await Promise.all(Array.from({ length: options.concurrency }, worker));
  }
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  await pool.close();
  latencies.sort((a, b) => a - b);
  firstChunks.sort((a, b) => a - b);
  const result: LoadResult = {
    requests: latencies.length,
    seconds,
    throughput: latencies.length / seconds,
    latencyMs: {
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
      mean: latencies.reduce((sum, value) => sum + value, 0) / latencies.length,
    },
    errors,
  };
  if (options.stream) {
    result.firstChunkMs = { p50: percentile(firstChunks, 50), p99: percentile(firstChunks, 99) };
    result.chunks = chunks;
    result.fewestChunks = fewest;
  }
  return result;
}
