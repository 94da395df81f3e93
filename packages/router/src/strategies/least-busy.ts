import { pickLowest, type RoutingStrategyImpl } from './routing-strategy.js';

/** litellm's `least-busy`: the deployment with the fewest requests in flight (ties at random). */
export const leastBusy: RoutingStrategyImpl = {
  needs: { inFlight: true },
  pick: (candidates, context) =>
    pickLowest(candidates, (candidate) => context.inFlight.get(candidate.id) ?? 0, context.random),
};
