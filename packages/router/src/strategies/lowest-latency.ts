import type { Candidate, PickContext, RoutingStrategyImpl } from './routing-strategy.js';

/**
 * litellm's `latency-based-routing`: the deployment with the lowest moving average latency (time
 * to first token for streams, when known), a deployment without samples first so every one gets
 * measured; deployments within `buffer` (a fraction) of the fastest share the load at random.
 */
export function lowestLatency(buffer: number): RoutingStrategyImpl {
  return {
    needs: { latency: true },
    pick(candidates, context) {
      const unmeasured = candidates.filter((candidate) => latencyOf(candidate, context) === undefined);
      if (unmeasured.length > 0) return unmeasured[Math.floor(context.random() * unmeasured.length)]!;
      let fastest = Number.POSITIVE_INFINITY;
      for (const candidate of candidates) fastest = Math.min(fastest, latencyOf(candidate, context)!);
      const limit = fastest * (1 + Math.max(0, buffer));
      const near = candidates.filter((candidate) => latencyOf(candidate, context)! <= limit);
      return near[Math.floor(context.random() * near.length)]!;
    },
  };
}

function latencyOf(candidate: Candidate, context: PickContext): number | undefined {
  const stats = context.latency.get(candidate.id);
  if (!stats) return undefined;
  return context.stream ? (stats.ttftMs ?? stats.latencyMs) : (stats.latencyMs ?? stats.ttftMs);
}
