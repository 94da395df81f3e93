import { Pool } from 'undici';

export interface LoadOptions {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  requests: number;
  concurrency: number;
  /** Measure time to the first body byte as well. */
  firstByte?: boolean;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  throughput: number;
  latencyMs: { p50: number; p99: number; mean: number };
  firstByteMs?: { p50: number; p99: number };
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Fixed-concurrency closed loop: `concurrency` workers each send requests back to back. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const pool = new Pool(options.origin, { connections: options.concurrency, connect: { noDelay: true } });
  const latencies: number[] = [];
  const firstBytes: number[] = [];
  let sent = 0;
  let errors = 0;
  const worker = async () => {
    while (sent < options.requests) {
      sent += 1;
      const start = process.hrtime.bigint();
      try {
        const response = await pool.request({
          path: options.path,
          method: 'POST',
          headers: options.headers,
          body: options.body,
        });
        let first = true;
        for await (const _chunk of response.body) {
          if (first && options.firstByte) firstBytes.push(Number(process.hrtime.bigint() - start) / 1e6);
          first = false;
        }
        if (response.statusCode !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
  };
  const began = process.hrtime.bigint();
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  await pool.close();
  latencies.sort((a, b) => a - b);
  firstBytes.sort((a, b) => a - b);
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
  if (options.firstByte)
    result.firstByteMs = { p50: percentile(firstBytes, 50), p99: percentile(firstBytes, 99) };
  return result;
}
