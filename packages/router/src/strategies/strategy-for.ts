import type { RouterSettings } from '../router-settings.js';
import { leastBusy } from './least-busy.js';
import { lowestCost } from './lowest-cost.js';
import { lowestLatency } from './lowest-latency.js';
import type { RoutingStrategyImpl } from './routing-strategy.js';
import { simpleShuffle } from './simple-shuffle.js';
import { usageBased } from './usage-based.js';

/** The strategy `routing_strategy` names (default `simple-shuffle`). */
export function strategyFor(settings: RouterSettings): RoutingStrategyImpl {
  switch (settings.routing_strategy ?? 'simple-shuffle') {
    case 'simple-shuffle':
      return simpleShuffle;
    case 'least-busy':
      return leastBusy;
    case 'latency-based-routing':
      return lowestLatency(settings.routing_strategy_args?.lowest_latency_buffer ?? 0);
    case 'usage-based-routing':
    case 'usage-based-routing-v2':
      return usageBased;
    case 'cost-based-routing':
      return lowestCost();
  }
}
