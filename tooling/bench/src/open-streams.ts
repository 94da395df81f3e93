import { Pool } from 'undici';
import { countEventFrames } from './load.js';
import { rssBytes } from './proc-stats.js';

export interface OpenStreamsResult {
  streams: number;
  /** Frames every stream should have had (from one stream sent alone first). */
  expectedChunksPerStream: number;
  receivedChunks: number;
  droppedChunks: number;
  failedStreams: number;
  rssBeforeMb: number;
  rssPeakMb: number;
  rssGrowthMb: number;
  seconds: number;
}

/**
 * Opens `streams` streamed completions at once (one connection each) and holds them to the end,
 * sampling the server's RSS every 50 ms; counts the frames each stream got against what a single
 * stream gets.
 */
export async function openStreams(options: {
  origin: string;
  path: string;
  headers: Record<string, string>;
  body: string;
  streams: number;
  pid: number | undefined;
}): Promise<OpenStreamsResult> {
  const pool = new Pool(options.origin, {
    connections: options.streams,
    pipelining: 1,
    connect: { noDelay: true },
  });
  const once = async (): Promise<number> => {
    const response = await pool.request({
      path: options.path,
      method: 'POST',
      headers: options.headers,
      body: options.body,
    });
    const text = await response.body.text();
    if (response.statusCode !== 200) throw new Error(`status ${response.statusCode}`);
    return countEventFrames(text);
  };
  const expected = await once();
  await new Promise((resolve) => setTimeout(resolve, 200));
  const before = rssBytes(options.pid);
  let peak = before;
  const sampler = setInterval(() => {
    peak = Math.max(peak, rssBytes(options.pid));
  }, 50);
  const began = process.hrtime.bigint();
  const results = await Promise.allSettled(Array.from({ length: options.streams }, once));
  const seconds = Number(process.hrtime.bigint() - began) / 1e9;
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(options.pid));
  await pool.close();
  let received = 0;
  let failed = 0;
  for (const result of results) {
    if (result.status === 'fulfilled') received += result.value;
    else failed += 1;
  }
  const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;
  return {
    streams: options.streams,
    expectedChunksPerStream: expected,
    receivedChunks: received,
    droppedChunks: expected * options.streams - received,
    failedStreams: failed,
    rssBeforeMb: mb(before),
    rssPeakMb: mb(peak),
    rssGrowthMb: mb(peak - before),
    seconds,
  };
}
