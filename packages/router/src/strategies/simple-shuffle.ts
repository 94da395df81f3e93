import { type Candidate, type RoutingStrategyImpl, weightedPick } from './routing-strategy.js';

/**
 * litellm's `simple-shuffle`: a random deployment, weighted by `weight` when a deployment of the
 * group sets one (the others count 1), else by `rpm`, else by `tpm` (the others count as the
 * mean of those given), else uniformly.
 */
export const simpleShuffle: RoutingStrategyImpl = {
  needs: {},
  pick(candidates, context) {
    if (candidates.length === 1) return candidates[0]!;
    return weightedPick(candidates, weightsOf(candidates), context.random);
  },
};

export function weightsOf(candidates: ReadonlyArray<Candidate>): number[] {
  const deployments = candidates.map((candidate) => candidate.resolved.deployment);
  if (deployments.some((deployment) => deployment.weight !== undefined)) {
    return deployments.map((deployment) => deployment.weight ?? 1);
  }
  for (const field of ['rpm', 'tpm'] as const) {
    const given = deployments.map((deployment) => deployment[field]).filter((value) => value !== undefined);
    if (given.length === 0) continue;
    const mean = given.reduce((sum, value) => sum + value, 0) / given.length;
    return deployments.map((deployment) => deployment[field] ?? mean);
  }
  return deployments.map(() => 1);
}
