import type { RouterState } from './router-state.js';

export interface MemoryRouterStateOptions {
  /** Injected clock (ms). */
  now?: () => number;
  /** Deployments tracked at most; the least recently touched are forgotten beyond it. Default 10,000. */
  maxDeployments?: number;
  /** Weight of a new latency sample in the moving average (0..1]. Default 0.3. */
  latencyWeight?: number;
}

interface Entry {
  cooldownUntil: number;
  failureMinute: number;
  failures: number;
  inFlight: number;
  usageMinute: number;
  requests: number;
  tokens: number;
  latencyMs: number | undefined;
  ttftMs: number | undefined;
}

const MINUTE_MS = 60_000;

/**
 * The router's statistics in this process: failures and usage in per-minute windows (the current
 * minute only), cooldowns as deadlines, in-flight counts, latencies as exponential moving
 * averages. Memory is bounded: at most `maxDeployments` entries, the least recently touched
 * forgotten first (a Map keeps insertion order; touching re-inserts).
 */
export function createMemoryRouterState(options: MemoryRouterStateOptions = {}): RouterState {
  const now = options.now ?? Date.now;
  const maxDeployments = Math.max(1, options.maxDeployments ?? 10_000);
  const alpha = Math.min(1, Math.max(0.01, options.latencyWeight ?? 0.3));
  const entries = new Map<string, Entry>();

  function entry(id: string): Entry {
    let found = entries.get(id);
    if (found) {
      entries.delete(id);
    } else {
      found = {
        cooldownUntil: 0,
        failureMinute: 0,
        failures: 0,
        inFlight: 0,
        usageMinute: 0,
        requests: 0,
        tokens: 0,
        latencyMs: undefined,
        ttftMs: undefined,
      };
      if (entries.size >= maxDeployments) evictOne();
    }
    entries.set(id, found);
    return found;
  }

  // An entry with requests in flight is kept (forgetting it would make its count go negative).
  function evictOne(): void {
    for (const [id, candidate] of entries) {
      if (candidate.inFlight === 0) {
        entries.delete(id);
        return;
      }
    }
    const oldest = entries.keys().next();
    if (!oldest.done) entries.delete(oldest.value);
  }

  const minute = () => Math.floor(now() / MINUTE_MS);
  const average = (previous: number | undefined, sample: number) =>
    previous === undefined ? sample : previous + alpha * (sample - previous);

  return {
    async recordFailure(id, allowedFails, cooldownMs) {
      const current = entry(id);
      const thisMinute = minute();
      if (current.failureMinute !== thisMinute) {
        current.failureMinute = thisMinute;
        current.failures = 0;
      }
      current.failures += 1;
      if (current.failures <= allowedFails || current.cooldownUntil > now()) return false;
      current.cooldownUntil = now() + cooldownMs;
      return true;
    },
    async coolDown(id, cooldownMs) {
      const current = entry(id);
      current.cooldownUntil = Math.max(current.cooldownUntil, now() + cooldownMs);
    },
    async coolingDown(ids) {
      const at = now();
      const out = new Set<string>();
      for (const id of ids) if ((entries.get(id)?.cooldownUntil ?? 0) > at) out.add(id);
      return out;
    },
    async startRequest(id) {
      entry(id).inFlight += 1;
    },
    async endRequest(id) {
      const current = entries.get(id);
      if (current && current.inFlight > 0) current.inFlight -= 1;
    },
    async inFlight(ids) {
      const out = new Map<string, number>();
      for (const id of ids) out.set(id, entries.get(id)?.inFlight ?? 0);
      return out;
    },
    async addUsage(id, requests, tokens) {
      const current = entry(id);
      const thisMinute = minute();
      if (current.usageMinute !== thisMinute) {
        current.usageMinute = thisMinute;
        current.requests = 0;
        current.tokens = 0;
      }
      current.requests += requests;
      current.tokens += tokens;
    },
    async usage(ids) {
      const thisMinute = minute();
      const out = new Map<string, { requests: number; tokens: number }>();
      for (const id of ids) {
        const current = entries.get(id);
        const fresh = current !== undefined && current.usageMinute === thisMinute;
        out.set(
          id,
          fresh ? { requests: current.requests, tokens: current.tokens } : { requests: 0, tokens: 0 },
        );
      }
      return out;
    },
    async recordLatency(id, sample) {
      const current = entry(id);
      if (sample.latencyMs !== undefined) current.latencyMs = average(current.latencyMs, sample.latencyMs);
      if (sample.ttftMs !== undefined) current.ttftMs = average(current.ttftMs, sample.ttftMs);
    },
    async latency(ids) {
      const out = new Map<string, { latencyMs?: number; ttftMs?: number }>();
      for (const id of ids) {
        const current = entries.get(id);
        if (!current) continue;
        const stats: { latencyMs?: number; ttftMs?: number } = {};
        if (current.latencyMs !== undefined) stats.latencyMs = current.latencyMs;
        if (current.ttftMs !== undefined) stats.ttftMs = current.ttftMs;
        out.set(id, stats);
      }
      return out;
    },
    async close() {
      entries.clear();
    },
  };
}
