// Pure mapping from the two catalogs to Switchyard's model table (see generate-model-table.mjs for
// why two catalogs, and model-table-mapping.d.mts for the shapes). No I/O here, so it is tested on
// small in-memory fixtures (test/model-table-mapping.test.ts).

/** genai-prices provider id -> Switchyard (litellm) provider id. */
const GENAI_PROVIDERS = {
  anthropic: 'anthropic',
  aws: 'bedrock',
  baseten: 'baseten',
  cerebras: 'cerebras',
  cloudflare: 'cloudflare',
  cohere: 'cohere',
  deepseek: 'deepseek',
  fireworks: 'fireworks_ai',
  'github-copilot': 'github_copilot',
  groq: 'groq',
  minimax: 'minimax',
  mistral: 'mistral',
  moonshotai: 'moonshot',
  novita: 'novita',
  openai: 'openai',
  openrouter: 'openrouter',
  ovhcloud: 'ovhcloud',
  perplexity: 'perplexity',
  together: 'together_ai',
  voyageai: 'voyage',
  'x-ai': 'xai',
  zai: 'zai',
};

/** genai-prices providers that map to several Switchyard providers, by model. */
const GENAI_SPLIT_PROVIDERS = {
  // Azure OpenAI is litellm's `azure`; other vendors' models on Azure AI Foundry are `azure_ai`.
  azure: {
    targets: ['azure', 'azure_ai'],
    pick: (id, from) =>
      from === 'openai' || (from === 'azure' && !/^(phi-|mai-|wizardlm)/.test(id)) ? ['azure'] : ['azure_ai'],
  },
  // One Google entry prices both AI Studio and Vertex; Claude is served by Vertex only.
  google: {
    targets: ['gemini', 'vertex_ai'],
    pick: (id) => (/claude/.test(id) ? ['vertex_ai'] : ['gemini', 'vertex_ai']),
  },
};

/** models.dev provider id -> Switchyard provider id. Providers whose ids are not API ids are left out. */
const MODELS_DEV_PROVIDERS = {
  alibaba: 'dashscope',
  'amazon-bedrock': 'bedrock',
  anthropic: 'anthropic',
  azure: 'azure',
  baseten: 'baseten',
  cerebras: 'cerebras',
  'cloudflare-workers-ai': 'cloudflare',
  deepinfra: 'deepinfra',
  deepseek: 'deepseek',
  'fireworks-ai': 'fireworks_ai',
  'github-copilot': 'github_copilot',
  'github-models': 'github',
  google: 'gemini',
  'google-vertex': 'vertex_ai',
  'google-vertex-anthropic': 'vertex_ai',
  groq: 'groq',
  huggingface: 'huggingface',
  llama: 'meta_llama',
  lmstudio: 'lm_studio',
  mistral: 'mistral',
  moonshotai: 'moonshot',
  morph: 'morph',
  openai: 'openai',
  openrouter: 'openrouter',
  perplexity: 'perplexity',
  togetherai: 'together_ai',
  v0: 'v0',
  vercel: 'vercel_ai_gateway',
  wandb: 'wandb',
  xai: 'xai',
  zai: 'zai',
};

/** genai-prices `*_mtok` keys -> litellm per-token field names. Other units are not token prices. */
const PRICE_FIELDS = [
  ['input_mtok', 'input_cost_per_token'],
  ['output_mtok', 'output_cost_per_token'],
  ['cache_read_mtok', 'cache_read_input_token_cost'],
  ['cache_write_mtok', 'cache_creation_input_token_cost'],
  ['output_reasoning_mtok', 'output_cost_per_reasoning_token'],
];

/** Field order of an entry in the JSON file (stable output). */
export const ENTRY_FIELDS = [
  'input_cost_per_token',
  'output_cost_per_token',
  'cache_read_input_token_cost',
  'cache_creation_input_token_cost',
  'output_cost_per_reasoning_token',
  'tiers',
  'max_input_tokens',
  'max_output_tokens',
  'mode',
  'supports_function_calling',
  'supports_vision',
  'supports_response_schema',
  'supports_reasoning',
  'supports_prompt_caching',
];

/** genai-prices' match language (equals, starts_with, ends_with, contains, regex, and, or). */
export function matchesRule(rule, id) {
  const value = id.toLowerCase();
  if ('or' in rule) return rule.or.some((inner) => matchesRule(inner, id));
  if ('and' in rule) return rule.and.every((inner) => matchesRule(inner, id));
  if ('equals' in rule) return value === rule.equals.toLowerCase();
  if ('starts_with' in rule) return value.startsWith(rule.starts_with.toLowerCase());
  if ('ends_with' in rule) return value.endsWith(rule.ends_with.toLowerCase());
  if ('contains' in rule) return value.includes(rule.contains.toLowerCase());
  if ('regex' in rule) return compiled(rule.regex).test(value);
  return false;
}

const regexCache = new Map();
function compiled(pattern) {
  let regex = regexCache.get(pattern);
  if (regex === undefined) {
    regex = new RegExp(pattern);
    regexCache.set(pattern, regex);
  }
  return regex;
}

/** Exact ids a rule names through `equals` (the only ids a rule lists without guessing). */
export function exactIds(rule) {
  if ('or' in rule) return rule.or.flatMap(exactIds);
  if ('equals' in rule) return [rule.equals];
  return [];
}

/**
 * The price set in force at `at`: genai-prices lists later prices after earlier ones, each with a
 * start date; time-of-day discounts (off-peak) are skipped, so the standard price is kept.
 */
export function activePrices(model, at) {
  if (!Array.isArray(model.prices)) return model.prices;
  for (let index = model.prices.length - 1; index >= 0; index--) {
    const { constraint, prices } = model.prices[index];
    if (constraint === undefined || constraint === null) return prices;
    if (constraint.type === 'start_date' && at >= new Date(`${constraint.start_date}T00:00:00Z`))
      return prices;
  }
  return model.prices[0].prices;
}

/** USD per million tokens -> USD per token, without float noise (12 significant digits). */
export function perToken(perMillion) {
  return Number((perMillion / 1e6).toPrecision(12));
}

/**
 * Converts a genai-prices price set to litellm fields. Tiered prices (a higher rate for every token
 * of a request whose input exceeds a threshold) become `tiers`, one per threshold.
 */
export function convertPrices(prices, id = '') {
  const entry = {};
  // OpenRouter's `:free` variants are listed with no prices: known to be free, so 0 is the price.
  if (Object.keys(prices).length === 0 && id.endsWith(':free')) {
    return { input_cost_per_token: 0, output_cost_per_token: 0 };
  }
  const tiers = new Map();
  for (const [from, to] of PRICE_FIELDS) {
    const price = prices[from];
    if (typeof price === 'number') entry[to] = perToken(price);
    else if (price && typeof price === 'object') {
      entry[to] = perToken(price.base);
      for (const tier of price.tiers) {
        const row = tiers.get(tier.start) ?? { above_input_tokens: tier.start };
        row[to] = perToken(tier.price);
        tiers.set(tier.start, row);
      }
    }
  }
  if (entry.output_cost_per_reasoning_token === entry.output_cost_per_token) {
    delete entry.output_cost_per_reasoning_token;
  }
  if (tiers.size > 0)
    entry.tiers = [...tiers.values()].sort((a, b) => a.above_input_tokens - b.above_input_tokens);
  if (entry.cache_read_input_token_cost !== undefined) entry.supports_prompt_caching = true;
  return entry;
}

/** Capabilities and limits from a models.dev entry; booleans are stated there, so false is kept. */
export function convertCapabilities(model) {
  const entry = {};
  if (model.limit?.context > 0) entry.max_input_tokens = model.limit.context;
  if (model.limit?.output > 0) entry.max_output_tokens = model.limit.output;
  if (typeof model.tool_call === 'boolean') entry.supports_function_calling = model.tool_call;
  if (Array.isArray(model.modalities?.input))
    entry.supports_vision = model.modalities.input.includes('image');
  if (typeof model.reasoning === 'boolean') entry.supports_reasoning = model.reasoning;
  return entry;
}

const MODE_PATTERNS = [
  ['rerank', /rerank/],
  ['embedding', /embed|^voyage-|(^|\/)bge-|(^|\/)e5-|^(text-)?(ada|curie|babbage)$/],
  ['moderation', /moderation/],
  ['ocr', /(^|-)ocr(-|$)/],
  ['audio_transcription', /whisper|transcribe|(^|-)stt(-|$)|^nova-[23]/],
  ['audio_speech', /(^|-)tts(-|$)|-speech|^aura-|melotts/],
  ['image_generation', /dall-e|gpt-image|imagen|flux|stable-diffusion|sdxl|dreamshaper/],
  ['completion', /^(babbage|davinci)-002$|^text-davinci|^davinci$|gpt-3\.5-turbo-instruct/],
];

/**
 * Neither catalog states a mode, so it is read from well-known id patterns, then from models.dev's
 * output modalities, then from having token prices both ways (chat). Otherwise it stays unknown.
 */
export function inferMode(id, entry, model) {
  const value = id.toLowerCase().replace(/^.*\//, '');
  for (const [mode, pattern] of MODE_PATTERNS) if (pattern.test(value)) return mode;
  const output = model?.modalities?.output;
  if (Array.isArray(output) && output.length > 0) {
    if (output.includes('text')) return 'chat';
    if (output.includes('image')) return 'image_generation';
    if (output.includes('audio')) return 'audio_speech';
  }
  if (entry.input_cost_per_token !== undefined && entry.output_cost_per_token !== undefined) return 'chat';
  return undefined;
}

/** Switchyard providers for a genai-prices provider (with the model's id and the provider it came from). */
function genaiTargets(providerId, modelId, from) {
  if (providerId.startsWith('huggingface_')) return ['huggingface'];
  const split = GENAI_SPLIT_PROVIDERS[providerId];
  if (split !== undefined) return split.pick(modelId, from);
  const target = GENAI_PROVIDERS[providerId];
  return target === undefined ? [] : [target];
}

/** Every Switchyard provider a genai-prices provider can feed. */
function possibleTargets(providerId) {
  if (providerId.startsWith('huggingface_')) return ['huggingface'];
  const target = GENAI_PROVIDERS[providerId];
  return GENAI_SPLIT_PROVIDERS[providerId]?.targets ?? (target === undefined ? [] : [target]);
}

/** Key prefix inside the Switchyard provider (`huggingface/<inference provider>/<model>`). */
function genaiPrefix(providerId) {
  return providerId.startsWith('huggingface_') ? `${providerId.slice('huggingface_'.length)}/` : '';
}

/**
 * genai-prices' own lookup: the first of the provider's models whose rule matches, then the same in
 * each fallback provider (Azure falls back to OpenAI, Google to Anthropic).
 */
export function resolveGenaiModel(provider, byId, id) {
  const own = provider.models.find((model) => matchesRule(model.match, id));
  if (own) return { model: own, from: provider.id };
  for (const fallbackId of provider.fallback_model_providers ?? []) {
    const fallback = byId.get(fallbackId);
    const model = fallback?.models.find((candidate) => matchesRule(candidate.match, id));
    if (model) return { model, from: fallbackId };
  }
  return undefined;
}

/** Ids a genai-prices provider prices exactly: each model's id and its `equals` ids, own and fallback. */
function genaiCandidateIds(provider, byId) {
  const models = [...provider.models];
  for (const fallbackId of provider.fallback_model_providers ?? [])
    models.push(...(byId.get(fallbackId)?.models ?? []));
  return [...new Set(models.flatMap((model) => [model.id, ...exactIds(model.match)]))];
}

/** API id of a models.dev entry (Cloudflare keeps the `@cf/...` id in `name`). */
function modelsDevId(providerId, model) {
  if (providerId === 'cloudflare-workers-ai' && model.name?.startsWith('@cf/')) return model.name;
  return model.id;
}

/** Index of models.dev entries: Switchyard provider -> lower-case API id -> { id, model } (first wins). */
function indexModelsDev(catalog) {
  const index = new Map();
  for (const [providerId, provider] of Object.entries(catalog)) {
    const target = MODELS_DEV_PROVIDERS[providerId];
    if (target === undefined) continue;
    const models = index.get(target) ?? new Map();
    for (const model of Object.values(provider.models)) {
      const id = modelsDevId(providerId, model);
      if (!models.has(id.toLowerCase())) models.set(id.toLowerCase(), { id, model });
    }
    index.set(target, models);
  }
  return index;
}

/** Same model, same capabilities: where a provider's models.dev list lacks an id, look here. */
const CAPABILITY_FALLBACK = { azure: ['openai'], vertex_ai: ['gemini'] };

/** The priced half: lower-case `provider/model` -> { key, model, prices, prefix } from genai-prices. */
function collectGenaiPrices(providers, at) {
  const byId = new Map(providers.map((provider) => [provider.id, provider]));
  const priced = new Map();
  for (const provider of providers) {
    const prefix = genaiPrefix(provider.id);
    for (const id of genaiCandidateIds(provider, byId)) {
      const resolved = resolveGenaiModel(provider, byId, id);
      if (resolved === undefined) continue;
      for (const target of genaiTargets(provider.id, id, resolved.from)) {
        const key = `${target}/${prefix}${id}`;
        // genai-prices matches ids case-insensitively; keep the first spelling of each id.
        if (priced.has(key.toLowerCase())) continue;
        const prices = convertPrices(activePrices(resolved.model, at), id);
        priced.set(key.toLowerCase(), { key, model: resolved.model, prices, prefix });
      }
    }
  }
  return { priced, byId };
}

/** Prices for a models.dev id that genai-prices matches by rule (not one of its exact ids). */
function priceByRule(providers, byId, target, id, at) {
  for (const provider of providers) {
    if (!possibleTargets(provider.id).includes(target)) continue;
    const prefix = genaiPrefix(provider.id);
    if (!id.startsWith(prefix)) continue;
    const bare = id.slice(prefix.length);
    const resolved = resolveGenaiModel(provider, byId, bare);
    if (resolved && genaiTargets(provider.id, bare, resolved.from).includes(target)) {
      return { model: resolved.model, prices: convertPrices(activePrices(resolved.model, at), bare) };
    }
  }
  return undefined;
}

/** Orders an entry's fields as ENTRY_FIELDS and drops undefined ones. */
function orderEntry(entry) {
  const ordered = {};
  for (const field of ENTRY_FIELDS) if (entry[field] !== undefined) ordered[field] = entry[field];
  return ordered;
}

/**
 * The models.dev entry for a priced key: the same id, else the genai-prices model's own id (the key
 * is one of its exact aliases), then the same two in the provider's capability fallbacks.
 */
function capabilitiesFor(modelsDev, target, id, priced) {
  const ids = [id, priced.prefix + priced.model.id].map((candidate) => candidate.toLowerCase());
  for (const provider of [target, ...(CAPABILITY_FALLBACK[target] ?? [])]) {
    const models = modelsDev.get(provider);
    for (const candidate of ids) {
      const found = models?.get(candidate);
      if (found) return found.model;
    }
  }
  return undefined;
}

function makeEntry(id, prices, capabilityModel, genaiModel) {
  const entry = { ...(prices ?? {}), ...(capabilityModel ? convertCapabilities(capabilityModel) : {}) };
  if (entry.max_input_tokens === undefined && genaiModel?.context_window > 0) {
    entry.max_input_tokens = genaiModel.context_window;
  }
  entry.mode = inferMode(id, entry, capabilityModel);
  return orderEntry(entry);
}

function splitKey(key) {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}

/**
 * Builds `{ "<provider>/<model id>": entry }` sorted by key. Prices only ever come from genai-prices;
 * capabilities and limits from models.dev; a models.dev model that genai-prices does not price is
 * kept without prices (cost() then reports it unknown instead of guessing).
 */
export function buildModels(genaiProviders, modelsDevCatalog, at) {
  const { priced, byId } = collectGenaiPrices(genaiProviders, at);
  const modelsDev = indexModelsDev(modelsDevCatalog);
  const models = new Map();
  for (const entry of priced.values()) {
    const [target, id] = splitKey(entry.key);
    models.set(
      entry.key,
      makeEntry(id, entry.prices, capabilitiesFor(modelsDev, target, id, entry), entry.model),
    );
  }
  for (const [target, entries] of modelsDev) {
    for (const [lower, { id, model }] of entries) {
      if (priced.has(`${target}/${lower}`)) continue;
      const byRule = priceByRule(genaiProviders, byId, target, id, at);
      models.set(`${target}/${id}`, makeEntry(id, byRule?.prices, model, byRule?.model));
    }
  }
  const sorted = {};
  for (const key of [...models.keys()].sort()) sorted[key] = models.get(key);
  return sorted;
}

/** One entry per line: small diffs when a price changes, still a few MB at most. */
export function serializeModelTable(table) {
  const lines = Object.entries(table.models).map(
    ([key, entry]) => `    ${JSON.stringify(key)}: ${JSON.stringify(entry)}`,
  );
  return [
    '{',
    `  "version": ${JSON.stringify(table.version)},`,
    `  "generatedAt": ${JSON.stringify(table.generatedAt)},`,
    '  "models": {',
    lines.join(',\n'),
    '  }',
    '}',
    '',
  ].join('\n');
}

/** Catalog providers that map to no Switchyard provider (reported by the generator). */
export function unmappedProviders(genaiProviders, modelsDevCatalog) {
  return {
    genai: genaiProviders.map((provider) => provider.id).filter((id) => possibleTargets(id).length === 0),
    modelsDev: Object.keys(modelsDevCatalog).filter((id) => MODELS_DEV_PROVIDERS[id] === undefined),
  };
}
