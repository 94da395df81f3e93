import { getModelInfo, type ResolvedDeployment } from '@switchyard/core';
import { type Candidate, pickLowest, type RoutingStrategyImpl } from './routing-strategy.js';

/**
 * A deployment's price per token (input plus output, USD): `model_info` prices first, then core's
 * price table; undefined when unknown.
 */
export function pricePerToken(resolved: ResolvedDeployment): number | undefined {
  const own = resolved.deployment.modelInfo ?? {};
  const table = getModelInfo(resolved.model, resolved.deployment.provider);
  const input = numberOf(own.input_cost_per_token) ?? table?.input_cost_per_token;
  const output = numberOf(own.output_cost_per_token) ?? table?.output_cost_per_token;
  if (input === undefined && output === undefined) return undefined;
  return (input ?? 0) + (output ?? 0);
}

function numberOf(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined;
}

/**
 * litellm's `cost-based-routing`: the cheapest deployment by price per input plus output token;
 * deployments without a known price come after every priced one (ties at random). Prices are read
 * once per deployment and model.
 */
export function lowestCost(): RoutingStrategyImpl {
  const prices = new WeakMap<object, Map<string, number>>();
  const priceOf = (candidate: Candidate) => {
    const { deployment, model } = candidate.resolved;
    let perModel = prices.get(deployment);
    if (!perModel) {
      perModel = new Map();
      prices.set(deployment, perModel);
    }
    let price = perModel.get(model);
    if (price === undefined) {
      price = pricePerToken(candidate.resolved) ?? Number.POSITIVE_INFINITY;
      if (perModel.size < 1_000) perModel.set(model, price);
    }
    return price;
  };
  return {
    needs: {},
    pick: (candidates, context) => pickLowest(candidates, priceOf, context.random),
  };
}
