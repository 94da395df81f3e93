import type { ResolvedDeployment } from '@switchyard/core';

/** A deployment the router may pick, with its stable id. */
export interface Candidate {
  resolved: ResolvedDeployment;
  id: string;
}

export interface DeploymentUsage {
  requests: number;
  tokens: number;
}

export interface DeploymentLatency {
  latencyMs?: number;
  ttftMs?: number;
}

/** The statistics a strategy reads (only those it asked for are filled). */
export interface PickContext {
  stream: boolean;
  /** Injected randomness in [0, 1). */
  random: () => number;
  /** Estimated tokens of this request (usage-based limits). */
  estimatedTokens: number;
  inFlight: ReadonlyMap<string, number>;
  latency: ReadonlyMap<string, DeploymentLatency>;
  usage: ReadonlyMap<string, DeploymentUsage>;
}

/** One routing strategy: which statistics it needs, and how it picks among healthy candidates. */
export interface RoutingStrategyImpl {
  needs: { inFlight?: boolean; latency?: boolean; usage?: boolean };
  /**
   * The candidates this strategy may pick from (e.g. those under their rpm/tpm limits); the
   * default is all of them. An empty result means every deployment is at its limit.
   */
  eligible?(candidates: ReadonlyArray<Candidate>, context: PickContext): Candidate[];
  pick(candidates: ReadonlyArray<Candidate>, context: PickContext): Candidate;
}

/** Picks at random with the given weights (non-positive weights are never picked unless all are). */
export function weightedPick<T>(
  items: ReadonlyArray<T>,
  weights: ReadonlyArray<number>,
  random: () => number,
): T {
  const total = weights.reduce((sum, weight) => sum + Math.max(weight, 0), 0);
  if (total <= 0) return items[Math.floor(random() * items.length)]!;
  let point = random() * total;
  for (let index = 0; index < items.length; index += 1) {
    const weight = weights[index]!;
    if (weight <= 0) continue;
    point -= weight;
    if (point < 0) return items[index]!;
  }
  return items[items.length - 1]!;
}

/** The candidate with the lowest score, ties broken at random. */
export function pickLowest(
  candidates: ReadonlyArray<Candidate>,
  score: (candidate: Candidate) => number,
  random: () => number,
): Candidate {
  let best: Candidate[] = [];
  let bestScore = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    const value = score(candidate);
    if (value < bestScore) {
      bestScore = value;
      best = [candidate];
    } else if (value === bestScore) {
      best.push(candidate);
    }
  }
  if (best.length === 0) return candidates[Math.floor(random() * candidates.length)]!;
  return best[Math.floor(random() * best.length)]!;
}
