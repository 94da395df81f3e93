import { getModelInfo, type ModelInfo, type ModelPrices, modelTableVersion } from './model-table.js';

/**
 * The usage `cost()` reads, in OpenAI's shape. prompt_tokens INCLUDES cached and cache-creation
 * tokens; completion_tokens INCLUDES reasoning tokens.
 */
export interface CostUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens?: number;
  prompt_tokens_details?: { cached_tokens?: number | null; cache_creation_tokens?: number | null } | null;
  completion_tokens_details?: { reasoning_tokens?: number | null } | null;
}

export interface CostOptions {
  /** Provider of the deployment (`openai`, `azure`, `bedrock`, …), for the table lookup. */
  provider?: string;
  /** Per-deployment prices (config `model_info`, litellm names); each one given overrides the table. */
  prices?: Partial<ModelPrices>;
}

/** Cost in USD, split by kind of token; the parts add up to `total`. */
export interface KnownCost {
  known: true;
  total: number;
  /** Prompt tokens that were neither read from nor written to a cache. */
  input: number;
  cachedInput: number;
  cacheCreation: number;
  /** Completion tokens other than reasoning tokens. */
  output: number;
  reasoning: number;
  currency: 'USD';
}

export interface UnknownCost {
  known: false;
  reason: string;
}

export type CostResult = KnownCost | UnknownCost;

interface TokenCounts {
  prompt: number;
  input: number;
  cached: number;
  creation: number;
  output: number;
  reasoning: number;
}

type Rate = number | { missing: string };

/** Amounts are summed as integer picodollars (1e-12 USD), so results carry no float noise. */
const PICO = 1e12;

function countTokens(usage: CostUsage): TokenCounts | string {
  const cached = usage.prompt_tokens_details?.cached_tokens ?? 0;
  const creation = usage.prompt_tokens_details?.cache_creation_tokens ?? 0;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens ?? 0;
  const counts = [usage.prompt_tokens, usage.completion_tokens, cached, creation, reasoning];
  if (!counts.every((count) => Number.isSafeInteger(count) && count >= 0)) {
    return 'usage has a token count that is not a non-negative integer';
  }
  if (cached + creation > usage.prompt_tokens) {
    return 'usage reports more cached and cache-creation tokens than prompt_tokens (which must include them)';
  }
  if (reasoning > usage.completion_tokens) {
    return 'usage reports more reasoning tokens than completion_tokens (which must include them)';
  }
  const input = usage.prompt_tokens - cached - creation;
  const output = usage.completion_tokens - reasoning;
  return { prompt: usage.prompt_tokens, input, cached, creation, output, reasoning };
}

/** Table prices overridden field by field; the table's tiers go when an override changes a base price. */
function mergePrices(info: ModelInfo | undefined, overrides: Partial<ModelPrices>): Partial<ModelPrices> {
  const merged: Partial<ModelPrices> = { ...info };
  let changedBase = false;
  for (const [field, value] of Object.entries(overrides) as [keyof ModelPrices, unknown][]) {
    if (value === undefined) continue;
    Object.assign(merged, { [field]: value });
    if (field !== 'tiers') changedBase = true;
  }
  if (changedBase && overrides.tiers === undefined) delete merged.tiers;
  return merged;
}

/** The prices in force for a request of `promptTokens`: the highest tier it exceeds, field by field. */
function pricesForPrompt(prices: Partial<ModelPrices>, promptTokens: number): Partial<ModelPrices> {
  const inForce: Partial<ModelPrices> = { ...prices };
  const tiers = [...(prices.tiers ?? [])].sort((a, b) => a.above_input_tokens - b.above_input_tokens);
  for (const tier of tiers) {
    if (promptTokens <= tier.above_input_tokens) break;
    const { above_input_tokens: _threshold, ...tierPrices } = tier;
    for (const [field, value] of Object.entries(tierPrices)) {
      if (value !== undefined) Object.assign(inForce, { [field]: value });
    }
  }
  return inForce;
}

function priceOrMissing(price: number | undefined, field: string): Rate {
  return price === undefined ? { missing: field } : price;
}

/**
 * The rate per kind of token. Fallbacks, each to a price the provider is known to charge at most:
 * - cached tokens without a cache-read price are billed at the input price (as litellm does: the
 *   provider reported a cache hit but lists no discount), unless the model lists a cache-write price,
 *   which means it has cache pricing and the missing read price is a hole in the data: unknown.
 * - cache-creation tokens without a cache-write price are billed at the input price (providers with
 *   a write surcharge, such as Anthropic, list it; the others bill writes as ordinary input).
 * - reasoning tokens without their own price are billed at the output price.
 */
function ratesFor(prices: Partial<ModelPrices>): Record<keyof Omit<TokenCounts, 'prompt'>, Rate> {
  const input = priceOrMissing(prices.input_cost_per_token, 'input_cost_per_token');
  const output = priceOrMissing(prices.output_cost_per_token, 'output_cost_per_token');
  const cached =
    prices.cache_read_input_token_cost ??
    (prices.cache_creation_input_token_cost === undefined
      ? input
      : { missing: 'cache_read_input_token_cost' });
  return {
    input,
    cached,
    creation: prices.cache_creation_input_token_cost ?? input,
    output,
    reasoning: prices.output_cost_per_reasoning_token ?? output,
  };
}

function describeModel(model: string, provider: string | undefined): string {
  return provider === undefined ? `model "${model}"` : `model "${model}" (provider "${provider}")`;
}

function unknownModel(model: string, provider: string | undefined): UnknownCost {
  const { version } = modelTableVersion();
  return {
    known: false,
    reason: `${describeModel(model, provider)} is not in the price table (${version}); set its prices in model_info`,
  };
}

/**
 * The cost of one request from its usage. Prices come from the shipped table, overridden by
 * `options.prices`; an unknown model, or a missing price for a kind of token the usage has, gives
 * `{ known: false, reason }`, never a cost that silently counts those tokens as free.
 */
export function cost(usage: CostUsage, model: string, options: CostOptions = {}): CostResult {
  const counts = countTokens(usage);
  if (typeof counts === 'string') return { known: false, reason: counts };
  const info = getModelInfo(model, options.provider);
  if (info === undefined && options.prices === undefined) return unknownModel(model, options.provider);
  const prices = pricesForPrompt(mergePrices(info, options.prices ?? {}), counts.prompt);
  const rates = ratesFor(prices);
  const picos = { input: 0, cached: 0, creation: 0, output: 0, reasoning: 0 };
  for (const kind of Object.keys(picos) as (keyof typeof picos)[]) {
    const tokens = counts[kind];
    if (tokens === 0) continue;
    const rate = rates[kind];
    if (typeof rate !== 'number') {
      const where = `${describeModel(model, options.provider)} has no ${rate.missing}`;
      return { known: false, reason: `${where} for its ${tokens} ${kind} tokens; set it in model_info` };
    }
    picos[kind] = tokens * Math.round(rate * PICO);
  }
  const total = picos.input + picos.cached + picos.creation + picos.output + picos.reasoning;
  return {
    known: true,
    total: total / PICO,
    input: picos.input / PICO,
    cachedInput: picos.cached / PICO,
    cacheCreation: picos.creation / PICO,
    output: picos.output / PICO,
    reasoning: picos.reasoning / PICO,
    currency: 'USD',
  };
}
