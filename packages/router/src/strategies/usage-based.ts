import { pickLowest, type RoutingStrategyImpl } from './routing-strategy.js';

/**
 * litellm's `usage-based-routing` (and `-v2`): only deployments that stay under their `rpm` and
 * `tpm` in the current minute with this request, and among them the one that used the fewest
 * tokens this minute (then the fewest requests; ties at random).
 */
export const usageBased: RoutingStrategyImpl = {
  needs: { usage: true },
  eligible(candidates, context) {
    return candidates.filter((candidate) => {
      const { rpm, tpm } = candidate.resolved.deployment;
      const used = context.usage.get(candidate.id) ?? { requests: 0, tokens: 0 };
      if (rpm !== undefined && used.requests + 1 > rpm) return false;
      if (tpm !== undefined && used.tokens + context.estimatedTokens > tpm) return false;
      return true;
    });
  },
  pick(candidates, context) {
    return pickLowest(
      candidates,
      (candidate) => {
        const used = context.usage.get(candidate.id) ?? { requests: 0, tokens: 0 };
        return used.tokens * 1e6 + used.requests;
      },
      context.random,
    );
  },
};
